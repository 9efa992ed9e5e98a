import {
  EHR_RECONCILE_QUEUE, RECONCILE_JOB_OPTIONS, RECONCILE_WITH_EHR_JOB, circuitKey, ehrSyncQueueName, epochMinute, syncActivityKey,
} from '@keta/queue-contracts';
import type { FailedJob, MinuteActivity, OpsCircuitState, QueueDepth } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { API_CONFIG, type ApiConfig } from '../config/api-config';

/** What Redis cannot answer within this is reported as unknown: the console must not hang on an outage. */
const REDIS_TIMEOUT_MS = 1500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A failure reason is shown only as the code the worker throws; anything else may hold what it should not. */
const CODE = /^[A-Za-z0-9_.:-]{1,80}$/;

/**
 * The sync queues as ops see and move them, through the worker's own BullMQ queues (same names and prefix):
 * depth, the last hour's attempts, the circuit, failed jobs (ids and codes only), retries and pauses. Redis
 * may be down: the API's own work never needs it, and every read here fails fast.
 */
@Injectable()
export class OpsQueues implements OnModuleInit, OnApplicationShutdown {
  private readonly redis: Redis;
  private readonly queues = new Map<string, Queue>();

  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {
    this.redis = new Redis(config.REDIS_URL, {
      lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000, retryStrategy: (n) => Math.min(n * 200, 5000),
    });
    this.redis.on('error', () => undefined); // an outage shows as reads that fail
  }

  onModuleInit(): void {
    this.redis.connect().catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    // The connection first: a queue closing on a Redis that never answered would wait for it.
    this.redis.disconnect();
    await Promise.all([...this.queues.values()].map((q) => this.bounded(q.close())));
  }

  /** The connection's queue depth; null when Redis does not answer. */
  async depth(connectionId: string): Promise<QueueDepth | null> {
    const counts = await this.bounded(this.queueOf(connectionId).getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed'));
    if (!counts) return null;
    const n = (key: string) => counts[key] ?? 0;
    return { waiting: n('waiting') + n('prioritized'), active: n('active'), delayed: n('delayed'), failed: n('failed') };
  }

  /** Attempts per minute over the last `minutes`, oldest first; null when Redis does not answer. */
  async activity(connectionId: string, minutes: number, now = Date.now()): Promise<MinuteActivity[] | null> {
    const last = epochMinute(now);
    const wanted = Array.from({ length: minutes }, (_, i) => last - minutes + 1 + i);
    const pipeline = this.redis.pipeline();
    for (const minute of wanted) pipeline.hgetall(syncActivityKey(this.config.QUEUE_PREFIX, connectionId, minute));
    const results = await this.bounded(pipeline.exec());
    if (!results) return null;
    return wanted.map((minute, i) => {
      const counts = (results[i]?.[1] ?? {}) as Record<string, string>;
      return { minute: new Date(minute * 60_000).toISOString(), completed: Number(counts.completed ?? 0), failed: Number(counts.failed ?? 0) };
    });
  }

  async circuit(connectionId: string): Promise<{ state: OpsCircuitState; since: string | null }> {
    const held = await this.bounded(this.redis.hgetall(circuitKey(this.config.QUEUE_PREFIX, connectionId)));
    const state = held?.state;
    // No state kept: no worker's breaker has moved, and a breaker starts closed.
    return state === 'open' || state === 'half-open' || state === 'closed' ? { state, since: held?.since ?? null } : { state: held ? 'closed' : 'unknown', since: null };
  }

  async failedJobs(connectionId: string, limit = 100): Promise<FailedJob[] | null> {
    const jobs = await this.bounded(this.queueOf(connectionId).getFailed(0, limit - 1));
    if (!jobs) return null;
    return jobs.filter((job) => job?.id).map((job) => {
      const patientId = (job.data as { patientId?: unknown } | undefined)?.patientId;
      return {
        jobId: job.id!, patientId: typeof patientId === 'string' && UUID.test(patientId) ? patientId : null, attemptsMade: job.attemptsMade,
        reason: CODE.test(job.failedReason ?? '') ? job.failedReason : 'internal_error', failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
      };
    });
  }

  /** Moves one failed job back to wait; false when it is not (or no longer) failed. */
  async retryJob(connectionId: string, jobId: string): Promise<boolean> {
    return this.required(async () => {
      const job = await this.queueOf(connectionId).getJob(jobId);
      if (!job || !(await job.isFailed())) return false;
      await job.retry('failed');
      return true;
    });
  }

  /** Moves every failed job back to wait; answers how many there were. */
  async retryFailed(connectionId: string): Promise<number> {
    return this.required(async () => {
      const queue = this.queueOf(connectionId);
      const failed = await queue.getFailedCount();
      if (failed) await queue.retryJobs({ state: 'failed', count: 1000 });
      return failed;
    });
  }

  async pause(connectionId: string, paused: boolean): Promise<void> {
    const queue = this.queueOf(connectionId);
    await this.required(() => (paused ? queue.pause() : queue.resume()));
  }

  /** Asks the worker to compare the connection (one patient, or its sample) with its EHR; answers the job's id. */
  async enqueueReconciliation(connectionId: string, patientId?: string): Promise<string> {
    return this.required(async () => {
      const job = await this.reconcileQueue().add(RECONCILE_WITH_EHR_JOB, { connectionId, ...(patientId ? { patientId } : {}) }, RECONCILE_JOB_OPTIONS);
      return job.id!;
    });
  }

  /** The one queue of reconciliations, every connection's (for Bull Board too). */
  reconcileQueue(): Queue {
    return this.named(EHR_RECONCILE_QUEUE);
  }

  /** A connection's sync queue (for Bull Board too). */
  queueOf(connectionId: string): Queue {
    return this.named(ehrSyncQueueName(connectionId));
  }

  /** Each queue opened once. */
  private named(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.redis, prefix: this.config.QUEUE_PREFIX });
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** The work's answer; a Redis that does not answer in time is the caller's 503. */
  private async required<T>(work: () => Promise<T>): Promise<T> {
    const answer = await this.bounded(work().then((value) => ({ value })));
    if (!answer) throw new DomainError(ErrorCode.Unavailable, 'The sync queues cannot be reached (Redis does not answer); try again shortly');
    return answer.value;
  }

  private async bounded<T>(work: Promise<T>): Promise<T | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), REDIS_TIMEOUT_MS)));
    try {
      return await Promise.race([work.catch(() => null), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
