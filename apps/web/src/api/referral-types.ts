/** The referral as the API shows it to its referrer (GET /referrals, GET /referrals/:id). */
export type Stage = 'received' | 'needs-information' | 'accepted' | 'scheduled' | 'in-treatment' | 'completed' | 'declined' | 'cancelled';

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

export interface Correspondence {
  kind: 'question' | 'answer';
  text: string;
  at: string;
}

export type Measure = 'phq9' | 'gad7' | 'pain';

export interface ClosingSummary {
  closedAt: string;
  note: string | null;
  series: { id: string; kind: 'mood' | 'pain'; protocol: string; infusionsCompleted: number; firstInfusionOn: string; lastInfusionOn: string };
  scores: Array<{ measure: Measure; baseline: number | null; final: number | null }>;
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
