import type { PatientRecord, ReferralRecord } from '@keta/domain';

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

export interface ReferralView extends Omit<ReferralRecord, 'patientId'> {
  indication: ReferralRecord['indication'] & { display: string | null };
  patient: PatientRecord;
  sync: ConnectionSync[];
}
