/** What the ops API (/ops) answers: ids, types, codes and counts only, never PHI. */
export type Health = 'healthy' | 'degraded' | 'unhealthy' | 'paused' | 'disabled';
export type CircuitState = 'closed' | 'open' | 'half-open' | 'unknown';

export interface QueueDepth {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  deadLetters: number;
}

export interface Window {
  completed: number;
  failed: number;
  /** Failed over attempted, 0..1; null when nothing was attempted. */
  errorRate: number | null;
}

export interface MinuteActivity {
  minute: string;
  completed: number;
  failed: number;
}

export interface ConnectionHealth {
  id: string;
  name: string;
  kind: 'clinic-ehr' | 'referrer-ehr';
  enabled: boolean;
  paused: boolean;
  /** The EHR refused Keta's credentials: sync is held until they change or ops retry. */
  authRefused: { code: string; at: string } | null;
  health: Health;
  healthReasons: string[];
  circuit: { state: CircuitState; since: string | null };
  /** Null when Redis is unreachable. */
  queue: QueueDepth | null;
  activity: { perMinute: MinuteActivity[]; last5m: Window; last60m: Window };
  oldestPendingSeconds: number | null;
  lastSuccessAt: string | null;
  topFailureReasons: Array<{ code: string; count: number }>;
}

export interface FailedJob {
  jobId: string;
  patientId: string | null;
  attemptsMade: number;
  reason: string;
  failedAt: string | null;
}

export interface OutcomeIssue {
  severity: string;
  code: string;
  expression?: string[];
}

export interface FailedRecord {
  resourceType: string;
  resourceId: string;
  patientId: string;
  localVersion: number;
  status: 'failed' | 'dead-letter';
  attempts: number;
  lastErrorCode: string | null;
  outcome: { issues: OutcomeIssue[] } | null;
  updatedAt: string;
}

export interface Failures {
  jobs: FailedJob[];
  records: FailedRecord[];
}

export const LEDGER_STATUSES = ['synced', 'failed', 'dead-letter', 'withheld'] as const;
export type LedgerStatus = (typeof LEDGER_STATUSES)[number];

export interface SyncRecord {
  connectionId: string;
  resourceType: string;
  resourceId: string;
  patientId: string;
  localVersion: number;
  remoteId: string | null;
  status: LedgerStatus;
  attempts: number;
  lastErrorCode: string | null;
  updatedAt: string;
}

export interface LedgerQuery {
  connectionId?: string;
  resourceId?: string;
  referralId?: string;
  patientId?: string;
  resourceType?: string;
  status?: string;
  from?: string;
  to?: string;
}
