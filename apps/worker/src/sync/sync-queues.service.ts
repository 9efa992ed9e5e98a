import { EhrConnectionEntity } from '@keta/db';
import { EHR_SYNC_JOB, JOB_NAMES, ehrSyncQueueName, syncDeduplicationId, type SyncTarget } from '@keta/queue-contracts';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker-config';
import { POSTGRES, quietRedis } from '../connections/connections';
import { CircuitBreaker } from './circuit-breaker';
import { EhrSyncProcessor } from './ehr-sync.processor';
import { phiFreeFailure } from './phi-free-failure';
import { RateLimited } from './rate-limited';
import { SyncActivity } from './sync-activity';

interface ConnectionQueue {
  queue: Queue;
  worker: Worker;
  breaker: CircuitBreaker;
  /** The settings the worker was opened with: a change reopens it. */
  settings: string;
  paused: boolean;
  /** The EHR refused Keta's credentials: this process's worker stays paused, whatever the breaker says. */
  held: boolean;
}

/**
 * One BullMQ queue and worker per enabled EHR connection, kept in step with the connections table.
 * Producers fail fast while Redis is down (the outbox keeps the work); workers wait for it to return.
 */
@Injectable()
export class SyncQueues implements OnApplicationShutdown {
  private readonly logger = new Logger('sync-queues');
  private readonly byConnection = new Map<string, ConnectionQueue>();
  private readonly producer: Redis;
  private readonly consumer: Redis;
  private readonly processors: Record<string, (job: Job) => Promise<unknown>>;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(POSTGRES) private readonly db: DataSource,
    processor: EhrSyncProcessor,
    private readonly activity: SyncActivity,
  ) {
    this.processors = { [EHR_SYNC_JOB]: (job) => processor.process(job) };
    const missing = JOB_NAMES.filter((name) => !this.processors[name]);
    if (missing.length) throw new Error(`No processor for job ${missing.join(', ')}`);
    this.producer = quietRedis(config.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.consumer = quietRedis(config.REDIS_URL, { maxRetriesPerRequest: null });
  }

  /**
   * Keeps the queues in step with the connections: opens them for newly enabled ones, reopens them when
   * the rate limit or concurrency changed, pauses and resumes them as ops ask (globally, in Redis), and
   * closes those of disabled or deleted connections.
   */
  async reconcile(): Promise<void> {
    const enabled = await this.db.getRepository(EhrConnectionEntity).findBy({ enabled: true });
    const wanted = new Map(enabled.map((c) => [c.id, c]));
    for (const [id, open] of this.byConnection) {
      const connection = wanted.get(id);
      if (!connection || settingsOf(connection) !== open.settings) {
        this.byConnection.delete(id);
        await close(open);
      }
    }
    for (const connection of enabled) {
      const open = this.byConnection.get(connection.id) ?? this.open(connection);
      this.byConnection.set(connection.id, open);
      if (connection.paused !== open.paused) {
        await (connection.paused ? open.queue.pause() : open.queue.resume());
        open.paused = connection.paused;
      }
      await this.holdWhileRefused(connection, open);
    }
  }

  /**
   * Credentials the EHR refused are not offered again until they change or ops retry (either clears the
   * refusal): the worker of that connection pauses here, so its jobs wait instead of failing one by one.
   */
  private async holdWhileRefused(connection: EhrConnectionEntity, open: ConnectionQueue): Promise<void> {
    const refused = connection.authRefusedCode !== null;
    if (refused === open.held) return;
    open.held = refused;
    this.logger.warn(`Connection ${connection.id} ${refused ? `held: the EHR refused its credentials (${connection.authRefusedCode})` : 'released: its credentials may be tried again'}`);
    if (refused) await open.worker.pause(true);
    else await open.worker.resume();
  }

  /** The queues open now, one per enabled connection, by connection id (for metrics). */
  openQueues(): Array<[connectionId: string, queue: Queue]> {
    return [...this.byConnection].map(([id, open]) => [id, open.queue]);
  }

  async enqueue(target: SyncTarget): Promise<void> {
    const open = this.byConnection.get(target.connectionId);
    if (!open) return;
    const payload = { ...target, traceId: randomUUID() };
    await open.queue.add(EHR_SYNC_JOB, payload, {
      deduplication: { id: syncDeduplicationId(target), keepLastIfActive: true },
      attempts: this.config.SYNC_ATTEMPTS,
      // Jitter spreads the retries of many patients after an outage, so they do not return all at once.
      backoff: { type: 'exponential', delay: this.config.SYNC_BACKOFF_MS, jitter: 0.5 },
      removeOnComplete: { count: 1000 },
      removeOnFail: { count: 5000 },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.byConnection.values()].map(close));
    this.byConnection.clear();
    this.producer.disconnect();
    this.consumer.disconnect();
  }

  private open(connection: EhrConnectionEntity): ConnectionQueue {
    const connectionId = connection.id;
    const name = ehrSyncQueueName(connectionId);
    const prefix = this.config.QUEUE_PREFIX;
    const queue = new Queue(name, { connection: this.producer, prefix });
    queue.on('error', () => undefined); // a Redis outage shows as failed adds; the relay retries them
    const worker = new Worker(name, (job) => this.run(job, queue), {
      connection: this.consumer,
      prefix,
      // Three jobs per request in flight: while every request is out, the next patients' records wait to be
      // packed together (bundle-packer.ts), so few requests leave half empty under load (two left 20 % more).
      concurrency: 3 * (connection.concurrency ?? this.config.SYNC_CONCURRENCY),
      ...(connection.rateLimitPerMinute ? { limiter: { max: connection.rateLimitPerMinute, duration: 60_000 } } : {}),
      lockDuration: this.config.SYNC_LOCK_MS,
      stalledInterval: this.config.SYNC_LOCK_MS,
    });
    worker.on('error', (error) => this.logger.warn(`Worker for connection ${connectionId}: ${error.message}`));
    // The breaker pauses this process's worker, not the queue: a pause ops asked for is the queue's, and a probe must not lift it.
    const local = { pause: () => worker.pause(true), resume: async () => (opened.held ? undefined : worker.resume()) };
    const breaker = new CircuitBreaker(local, this.config.SYNC_BREAKER_THRESHOLD, this.config.SYNC_BREAKER_COOLDOWN_MS, (state) => {
      this.logger.warn(`Circuit of connection ${connectionId} is ${state}`);
      this.activity.circuitChanged(connectionId, state);
    });
    worker.on('completed', (job) => {
      breaker.succeeded();
      this.activity.attempted(connectionId, 'completed', job);
    });
    worker.on('failed', (job, error) => {
      void breaker.failed().catch(() => undefined);
      this.activity.attempted(connectionId, 'failed', job, error);
    });
    // Unknown until the first reconcile compares it with the connection's: resume or pause then.
    const opened: ConnectionQueue = { queue, worker, breaker, settings: settingsOf(connection), paused: !connection.paused, held: false };
    return opened;
  }

  /** A Retry-After pauses the connection's queue that long; the job waits again without spending an attempt. */
  private async run(job: Job, queue: Queue): Promise<unknown> {
    const processor = this.processors[job.name];
    if (!processor) throw new UnrecoverableError(`No processor for job ${job.name}`);
    try {
      return await processor(job);
    } catch (error) {
      if (!(error instanceof RateLimited)) throw phiFreeFailure(job, error);
      await queue.rateLimit(error.waitMs);
      throw Worker.RateLimitError();
    }
  }
}

function settingsOf(connection: EhrConnectionEntity): string {
  return JSON.stringify([connection.rateLimitPerMinute, connection.concurrency]);
}

async function close({ queue, worker, breaker }: ConnectionQueue): Promise<void> {
  breaker.stop();
  await worker.close();
  await queue.close();
}
