import { EhrConnectionEntity } from '@keta/db';
import { EhrError } from '@keta/ehr-client';
import {
  EHR_RECONCILE_QUEUE, RECONCILE_JOB_NAMES, RECONCILE_JOB_OPTIONS, RECONCILE_WITH_EHR_JOB, reconcileSchedulerId, reconcileWithEhrPayload,
} from '@keta/queue-contracts';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker-config';
import { POSTGRES, quietRedis } from '../connections/connections';
import { phiFreeFailure } from '../sync/phi-free-failure';
import { EhrReconciliation } from './ehr-reconciliation.service';

/** How often the schedulers are brought in step with the connections (a connection enabled, disabled, deleted). */
const SCHEDULES_CHECK_MS = 30_000;

/**
 * The reconciliation queue: its worker, and one BullMQ job scheduler per enabled connection, every
 * RECONCILE_EVERY_MINUTES. Schedulers live in Redis under a fixed id per connection, so several workers
 * upserting them run each connection's sample once per period; ops add one-off jobs (a patient, or the sample
 * now) through the API. One job at a time per process: a run is a few batch searches.
 */
@Injectable()
export class EhrReconcileQueue implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ehr-reconcile-queue');
  private readonly producer: Redis;
  private readonly consumer: Redis;
  private readonly queue: Queue;
  private worker?: Worker;
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(POSTGRES) private readonly db: DataSource,
    private readonly reconciliation: EhrReconciliation,
  ) {
    const missing = RECONCILE_JOB_NAMES.filter((name) => name !== RECONCILE_WITH_EHR_JOB);
    if (missing.length) throw new Error(`No processor for job ${missing.join(', ')}`);
    this.producer = quietRedis(config.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.consumer = quietRedis(config.REDIS_URL, { maxRetriesPerRequest: null });
    this.queue = new Queue(EHR_RECONCILE_QUEUE, { connection: this.producer, prefix: config.QUEUE_PREFIX });
    this.queue.on('error', () => undefined); // an outage shows as a failed scheduler check, tried again later
  }

  onApplicationBootstrap(): void {
    this.worker = new Worker(EHR_RECONCILE_QUEUE, (job) => this.run(job), { connection: this.consumer, prefix: this.config.QUEUE_PREFIX, concurrency: 1 });
    this.worker.on('error', (error) => this.logger.warn(`Reconciliation worker: ${error.message}`));
    const check = () => void this.keepSchedulesInStep().catch((error: unknown) => this.logger.warn(`Reconciliation schedules not checked: ${error instanceof Error ? error.message : String(error)}`));
    this.timer = setInterval(check, SCHEDULES_CHECK_MS);
    check();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.worker?.close();
    await this.queue.close();
    this.producer.disconnect();
    this.consumer.disconnect();
  }

  /** One scheduler per enabled connection at the configured period; none for the others, none at all when 0. */
  async keepSchedulesInStep(): Promise<void> {
    const every = this.config.RECONCILE_EVERY_MINUTES * 60_000;
    const enabled = every ? await this.db.getRepository(EhrConnectionEntity).findBy({ enabled: true }) : [];
    const wanted = new Set(enabled.map((c) => reconcileSchedulerId(c.id)));
    const existing = await this.queue.getJobSchedulers(0, -1);
    for (const scheduler of existing) if (!wanted.has(scheduler.key)) await this.queue.removeJobScheduler(scheduler.key);
    const current = new Map(existing.map((s) => [s.key, s.every]));
    for (const connection of enabled) {
      const id = reconcileSchedulerId(connection.id);
      if (current.get(id) === every) continue;
      await this.queue.upsertJobScheduler(id, { every }, { name: RECONCILE_WITH_EHR_JOB, data: { connectionId: connection.id }, opts: RECONCILE_JOB_OPTIONS });
    }
  }

  /** Permanent EHR refusals (the search itself is invalid) are not retried; everything else is, with backoff. */
  private async run(job: Job): Promise<unknown> {
    if (job.name !== RECONCILE_WITH_EHR_JOB) throw new UnrecoverableError(`No processor for job ${job.name}`);
    try {
      return await this.reconciliation.reconcileWithEhr(reconcileWithEhrPayload.parse(job.data));
    } catch (error) {
      if (error instanceof EhrError && error.permanent) throw new UnrecoverableError(error.code);
      throw phiFreeFailure(job, error);
    }
  }
}
