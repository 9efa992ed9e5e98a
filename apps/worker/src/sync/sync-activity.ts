import { circuitKey, epochMinute, syncActivityKey, SYNC_ACTIVITY_TTL_SECONDS, type CircuitState, type SyncOutcome } from '@keta/queue-contracts';
import { Inject, Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker-config';
import { REDIS } from '../connections/connections';

/** One sync attempt as ops see it: which connection, how it ended, how long it ran, and the class of failure. */
export interface SyncAttempt {
  connectionId: string;
  outcome: SyncOutcome;
  durationMs: number | null;
  /** temporary, rate-limited, auth, conflict, invalid, not-found; `internal` for a fault of ours. Null on success. */
  errorClass: string | null;
}

type Listener = (attempt: SyncAttempt) => void;

/**
 * Tells ops how each connection's sync goes: every attempt (retries included) is counted in Redis by minute,
 * for the ops console and alerts, and handed to in-process listeners (the worker's metrics); a circuit's
 * change of state is kept in Redis too. Counts, classes and ids only. Redis being down loses counts, never work.
 */
@Injectable()
export class SyncActivity {
  private readonly listeners = new Set<Listener>();

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  onAttempt(listener: Listener): void {
    this.listeners.add(listener);
  }

  attempted(connectionId: string, outcome: SyncOutcome, job: Job | undefined, error?: Error): void {
    const durationMs = job?.processedOn && job.finishedOn ? job.finishedOn - job.processedOn : null;
    const attempt = { connectionId, outcome, durationMs, errorClass: outcome === 'failed' ? errorClassOf(error) : null };
    for (const listener of this.listeners) listener(attempt);
    const key = syncActivityKey(this.config.QUEUE_PREFIX, connectionId, epochMinute(Date.now()));
    this.redis.multi().hincrby(key, outcome, 1).expire(key, SYNC_ACTIVITY_TTL_SECONDS).exec().catch(() => undefined);
  }

  circuitChanged(connectionId: string, state: CircuitState): void {
    this.redis.hset(circuitKey(this.config.QUEUE_PREFIX, connectionId), { state, since: new Date().toISOString() }).catch(() => undefined);
  }
}

/** The class an EhrError (or the permanent failure made of one) carries; anything else is a fault of ours. */
function errorClassOf(error: Error | undefined): string {
  const errorClass = (error as { errorClass?: unknown } | undefined)?.errorClass;
  return typeof errorClass === 'string' ? errorClass : 'internal';
}
