import type { ClosingSummary, PatientRecord, ReferralMessage, ReferralRecord, ReferralStage } from '@keta/domain';

export type ConnectionSyncState = 'pending' | 'synced' | 'failed';

export interface RecordSync {
  resourceType: string;
  resourceId: string;
  localVersion: number;
  syncedVersion: number | null;
  remoteId: string | null;
  /** dead-letter: the EHR refused this version by its rules; it waits for a person (GET /sync/dead-letters). */
  status: 'pending' | 'synced' | 'failed' | 'dead-letter' | 'withheld';
  attempts: number;
  lastErrorCode: string | null;
}

/** Where the referral stands in one EHR: synced once every one of its records is there at its current version. */
export interface ConnectionSync {
  connectionId: string;
  connectionName: string;
  state: ConnectionSyncState;
  records: RecordSync[];
}

/** What screening found and still finds about the referral, as the clinician reviewing it reads it. */
export interface ScreeningFindingView {
  id: string;
  code: string;
  severity: string;
  message: string;
  /** Where the rule comes from: a seed page's section, DOMAIN.md, or the clinic's own setting. */
  source: string;
  /** The current medication it is about, for an interaction. */
  medicationId: string | null;
  identifiedAt: string;
}

export interface ReferralView extends Omit<ReferralRecord, 'patientId' | 'treatment' | 'closingSummary'> {
  indication: ReferralRecord['indication'] & { display: string | null };
  /** Where it stands as the referrer follows it: the status, or once accepted, its treatment. */
  stage: ReferralStage;
  /** The clinic's questions and the referrer's answers, oldest first. */
  correspondence: ReferralMessage[];
  /** What the clinic reported back when it closed the loop; null until then. */
  closingSummary: ClosingSummary | null;
  patient: PatientRecord;
  /** The version this view shows (its ETag): a change names it in If-Match. */
  version: number;
  /** The clinician who last decided, and when; null while screening alone has. */
  decided: { by: string; at: string } | null;
  sync: ConnectionSync[];
  /** Open screening findings, block first: for clinicians only (a referrer reads the status and its reason). */
  findings?: ScreeningFindingView[];
}

/** A referral in a list: enough to pick it out and triage it. */
export interface ReferralSummary extends Pick<ReferralView, 'id' | 'status' | 'stage' | 'statusReason' | 'indication' | 'referrer' | 'createdAt' | 'version'> {
  patient: { id: string; name: PatientRecord['demographics']['name']; birthDate: string };
}
