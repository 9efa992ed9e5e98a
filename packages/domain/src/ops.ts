import { z } from 'zod';
import type { EhrConnectionKind } from './ehr-connection';

const uuid = z.uuid({ error: 'must be a UUID' });

export const LEDGER_STATUSES = ['synced', 'failed', 'dead-letter', 'withheld'] as const;
/** A record's state on one connection, as ops read it (the ledger's `dead` is a dead letter). */
export type LedgerStatus = (typeof LEDGER_STATUSES)[number];


/** GET /ops/sync-records: the sync ledger searched by record, referral or patient id, type, status and time. */
export const ledgerSearchSchema = z
  .strictObject({
    connectionId: uuid.optional(),
    resourceId: uuid.optional(),
    referralId: uuid.optional(),
    patientId: uuid.optional(),
    resourceType: z.string().regex(/^[A-Z][A-Za-z]{1,63}$/, 'must be a FHIR resource type').optional(),
    status: z.enum(LEDGER_STATUSES).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).max(100000).default(0),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), { message: 'must not be after to', path: ['from'] });
export type LedgerSearchQuery = z.infer<typeof ledgerSearchSchema>;

/**
 * A body that may be left out: a POST without one reaches the route as nothing at all, and means the same as
 * `{}` (the whole connection).
 */
const optionalPatient = z.preprocess((body) => body ?? {}, z.strictObject({ patientId: uuid.optional() }));

/** Sends one patient's records to a connection again, whole; without a patient, every record the connection holds. */
export const resyncSchema = optionalPatient;
export type ResyncRequest = z.infer<typeof resyncSchema>;

/** Compares one patient's records (or, without one, the connection's sample) with what the EHR holds. */
export const reconcileSchema = optionalPatient;
export type ReconcileRequest = z.infer<typeof reconcileSchema>;

/*
 * What the ops API answers (/ops/...), in one place for the API that builds it and the console that reads it:
 * ids, types, codes, counts and times, never PHI.
 */

export type Health = 'healthy' | 'degraded' | 'unhealthy' | 'paused' | 'disabled';
/** The worker's circuit for the connection; unknown while Redis does not answer. */
export type OpsCircuitState = 'closed' | 'open' | 'half-open' | 'unknown';

/** An EHR's OperationOutcome without its text, which may echo the record: severities, codes, paths, coded details. */
export interface OutcomeSummary {
  issue: Array<{ severity: string; code: string; expression?: string[]; details?: Array<{ system?: string; code?: string }> }>;
}

export interface QueueDepth {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

export interface MinuteActivity {
  /** The minute's start, ISO 8601. */
  minute: string;
  completed: number;
  failed: number;
}

export interface ActivityWindow {
  completed: number;
  failed: number;
  /** Failed over attempted, 0..1; null when nothing was attempted. */
  errorRate: number | null;
}

/** Where polling a connection for referrals stands. */
export interface ReferralPollView {
  watermark: string | null;
  polledAt: string | null;
  nextPollAt: string;
  lastErrorCode: string | null;
  lastErrorAt: string | null;
  received: number;
  refused: number;
  lastRefusalCode: string | null;
  /** Referrals whose intake failed on Keta's side, held and tried again at later polls until taken. */
  held: number;
  heldSince: string | null;
  lastHeldCode: string | null;
}

/** One EHR connection as ops watch it. */
export interface ConnectionHealth {
  id: string;
  name: string;
  kind: EhrConnectionKind;
  enabled: boolean;
  paused: boolean;
  /** The EHR refused Keta's credentials: sync is held until they change or ops retry. */
  authRefused: { code: string; at: string } | null;
  health: Health;
  healthReasons: string[];
  circuit: { state: OpsCircuitState; since: string | null };
  /** Null when Redis does not answer. */
  queue: (QueueDepth & { deadLetters: number }) | null;
  activity: { perMinute: MinuteActivity[]; last5m: ActivityWindow; last60m: ActivityWindow };
  oldestPendingSeconds: number | null;
  lastSuccessAt: string | null;
  topFailureReasons: Array<{ code: string; count: number }>;
  /** Where polling it for referrals stands (pollReferrals); null when it does not poll or has not yet. */
  referralPolling: ReferralPollView | null;
}

export interface FailedJob {
  jobId: string;
  patientId: string | null;
  attemptsMade: number;
  /** The worker's code for the failure: never anything else. */
  reason: string;
  failedAt: string | null;
}

/** One record's state on one connection, from the sync ledger. */
export interface LedgerRecord {
  connectionId: string;
  resourceType: string;
  resourceId: string;
  patientId: string;
  localVersion: number;
  remoteId: string | null;
  status: LedgerStatus;
  attempts: number;
  lastErrorCode: string | null;
  outcome: OutcomeSummary | null;
  updatedAt: string;
}

export interface ConnectionFailures {
  jobs: FailedJob[];
  records: LedgerRecord[];
}
