import type { ClosingScore, ClosingSummary, ReferralMessage, ReferralStage } from '@keta/domain';

/** The referral as the API shows it to its referrer (GET /referrals, GET /referrals/:id), with the domain's types. */
export type Stage = ReferralStage;
export type Correspondence = ReferralMessage;
export type Measure = ClosingScore['measure'];
export type { ClosingSummary };

export interface HumanName {
  given: string[];
  family: string;
}

export interface ReferralSummary {
  id: string;
  status: string;
  statusReason?: string;
  stage: Stage;
  indication: { system: string; code: string; display: string | null };
  referrer: { name: string; npi: string; organization?: string; phone?: string };
  createdAt: string;
  version: number;
  patient: { id: string; name: HumanName; birthDate: string };
}

export interface ReferralDetail extends Omit<ReferralSummary, 'patient'> {
  reason: string;
  patient: { id: string; demographics: { name: HumanName; birthDate: string } };
  correspondence: Correspondence[];
  closingSummary: ClosingSummary | null;
}

export interface Me {
  id: string;
  email: string;
  displayName: string;
  role: string;
}
