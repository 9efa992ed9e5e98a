import { connectionBacklogs, outboxBacklog } from '@keta/db';
import { circuitKey } from '@keta/queue-contracts';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker-config';
import { POSTGRES, REDIS } from '../connections/connections';
import { SyncActivity } from '../sync/sync-activity';
import { SyncQueues } from '../sync/sync-queues.service';

/** BullMQ states a queue's depth is reported in (BullMQ 6 has no `paused` state: see keta_worker_queue_paused). */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized'] as const;
const CIRCUIT_VALUES: Record<string, number> = { closed: 0, 'half-open': 1, open: 2 };
/** A scrape never waits longer than this on Redis or PostgreSQL: what did not answer is reported as down. */
const SCRAPE_TIMEOUT_MS = 2000;

/**
 * The sync's figures for Prometheus, labelled by connection id only (never a patient): queue depth, circuit
 * state and outbox lag read at scrape time, and job durations and outcomes counted as attempts end.
 */
@Injectable()
export class SyncMetrics {
  private reading?: Promise<void>;
  private readonly queueJobs: Gauge<'connection_id' | 'state'>;
  private readonly circuit: Gauge<'connection_id'>;
  private readonly queuePaused: Gauge<'connection_id'>;
  private readonly redisUp: Gauge;
  private readonly postgresUp: Gauge;
  private readonly outboxPending: Gauge;
  private readonly outboxOldest: Gauge;
  private readonly connectionPending: Gauge<'connection_id'>;
  private readonly duration: Histogram<'connection_id' | 'outcome'>;
  private readonly attempts: Counter<'connection_id' | 'outcome' | 'error_class'>;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(POSTGRES) private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly queues: SyncQueues,
    activity: SyncActivity,
  ) {
    const collect = () => this.collect();
    this.queueJobs = new Gauge({ name: 'keta_worker_queue_jobs', help: 'Jobs in each connection\'s sync queue, by BullMQ state (read at scrape)', labelNames: ['connection_id', 'state'], registers: [], collect });
    this.circuit = new Gauge({ name: 'keta_worker_circuit_state', help: 'Circuit of each connection: 0 closed, 1 half-open, 2 open (read from Redis at scrape)', labelNames: ['connection_id'], registers: [], collect });
    this.queuePaused = new Gauge({ name: 'keta_worker_queue_paused', help: '1 when a connection\'s queue is paused in Redis (by ops, or a Retry-After), else 0', labelNames: ['connection_id'], registers: [], collect });
    this.redisUp = new Gauge({ name: 'keta_worker_redis_up', help: '1 when Redis answered this scrape in time, else 0 (queue and circuit figures are then missing)', registers: [], collect });
    this.postgresUp = new Gauge({ name: 'keta_worker_postgres_up', help: '1 when PostgreSQL answered this scrape in time, else 0 (outbox figures are then missing)', registers: [], collect });
    this.outboxPending = new Gauge({ name: 'keta_worker_outbox_pending_rows', help: 'Outbox rows not yet confirmed by every target connection', registers: [], collect });
    this.outboxOldest = new Gauge({ name: 'keta_worker_outbox_oldest_pending_seconds', help: 'Age of the oldest pending outbox row in seconds (0 when none)', registers: [], collect });
    this.connectionPending = new Gauge({ name: 'keta_worker_connection_pending_rows', help: 'Outbox rows each enabled connection has not confirmed', labelNames: ['connection_id'], registers: [], collect });
    this.duration = new Histogram({
      name: 'keta_worker_sync_job_duration_seconds', help: 'Duration of sync job attempts in seconds, by connection and outcome',
      labelNames: ['connection_id', 'outcome'], buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60], registers: [],
    });
    this.attempts = new Counter({
      name: 'keta_worker_sync_attempts_total', help: 'Sync job attempts, retries included, by connection, outcome and error class (none on success)',
      labelNames: ['connection_id', 'outcome', 'error_class'], registers: [],
    });
    activity.onAttempt(({ connectionId, outcome, durationMs, errorClass }) => {
      this.attempts.inc({ connection_id: connectionId, outcome, error_class: errorClass ?? 'none' });
      if (durationMs !== null) this.duration.observe({ connection_id: connectionId, outcome }, durationMs / 1000);
    });
  }

  register(registry: Registry): void {
    for (const metric of [this.queueJobs, this.circuit, this.queuePaused, this.redisUp, this.postgresUp, this.outboxPending, this.outboxOldest, this.connectionPending, this.duration, this.attempts]) {
      registry.registerMetric(metric);
    }
  }

  /** Every gauge's collect shares the read in flight (prom-client collects the metrics of a scrape together). */
  private collect(): Promise<void> {
    this.reading ??= this.read().finally(() => (this.reading = undefined));
    return this.reading;
  }

  private async read(): Promise<void> {
    const [fromRedis, fromPostgres] = await Promise.all([within(this.readRedis()), within(this.readPostgres())]);
    this.queueJobs.reset();
    this.circuit.reset();
    this.queuePaused.reset();
    this.redisUp.set(fromRedis ? 1 : 0);
    for (const { connectionId, counts, circuit, paused } of fromRedis ?? []) {
      this.queuePaused.set({ connection_id: connectionId }, paused ? 1 : 0);
      for (const state of QUEUE_STATES) this.queueJobs.set({ connection_id: connectionId, state }, counts[state] ?? 0);
      this.circuit.set({ connection_id: connectionId }, CIRCUIT_VALUES[circuit ?? 'closed'] ?? 0);
    }
    this.outboxPending.reset();
    this.outboxOldest.reset();
    this.connectionPending.reset();
    this.postgresUp.set(fromPostgres ? 1 : 0);
    if (fromPostgres) {
      this.outboxPending.set(fromPostgres.backlog.pending);
      this.outboxOldest.set(fromPostgres.backlog.oldestSeconds ?? 0);
      for (const c of fromPostgres.connections) this.connectionPending.set({ connection_id: c.connectionId }, c.pending);
    }
  }

  private async readRedis(): Promise<Array<{ connectionId: string; counts: Record<string, number>; circuit: string | null; paused: boolean }>> {
    const open = this.queues.openQueues();
    const circuits = await Promise.all(open.map(([id]) => this.redis.hget(circuitKey(this.config.QUEUE_PREFIX, id), 'state')));
    const counts = await Promise.all(open.map(([, queue]) => queue.getJobCounts(...QUEUE_STATES)));
    const paused = await Promise.all(open.map(([, queue]) => queue.isPaused()));
    return open.map(([connectionId], i) => ({ connectionId, counts: counts[i] ?? {}, circuit: circuits[i] ?? null, paused: paused[i] ?? false }));
  }

  private async readPostgres() {
    // A scrape that gave up must not leave its queries running on a large backlog.
    return this.db.transaction(async (tx) => {
      await tx.query(`SET LOCAL statement_timeout = ${SCRAPE_TIMEOUT_MS}`);
      return { backlog: await outboxBacklog(tx), connections: await connectionBacklogs(tx) };
    });
  }
}

/** The answer, or undefined when it failed or took longer than a scrape may wait. */
async function within<T>(work: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, SCRAPE_TIMEOUT_MS, undefined)));
  try {
    return await Promise.race([work.catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
