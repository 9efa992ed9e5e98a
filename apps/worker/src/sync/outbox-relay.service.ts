import { claimSyncTargets, completeConfirmedOutbox } from '@keta/db';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker-config';
import { POSTGRES } from '../connections/connections';
import { SyncQueues } from './sync-queues.service';

const CLAIM_BATCH = 500;

/**
 * Turns outbox rows into sync jobs. Woken by LISTEN/NOTIFY on every commit, and by a poll in case a
 * notification was missed. A row claimed but not confirmed by the ledger in time is claimed again, so a
 * crash or a Redis that lost its data delays a record but never loses it.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('outbox-relay');
  private listener?: Client;
  private poll?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(POSTGRES) private readonly db: DataSource,
    private readonly queues: SyncQueues,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
    this.poll = setInterval(() => this.wake(), this.config.OUTBOX_POLL_MS);
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poll);
    await this.running;
    await this.listener?.end().catch(() => undefined);
  }

  /** Runs a pass now, or right after the one under way: wake-ups never overlap and never get lost. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pass().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  private async pass(): Promise<void> {
    try {
      await this.queues.reconcile();
      await completeConfirmedOutbox(this.db.manager);
      const enqueued = await this.db.transaction(async (tx) => {
        const targets = await claimSyncTargets(tx, this.config.OUTBOX_REQUEUE_AFTER_MS, CLAIM_BATCH);
        for (const target of targets) await this.queues.enqueue(target);
        return targets.length;
      });
      if (enqueued) this.logger.debug(`Enqueued ${enqueued} sync jobs`);
      if (enqueued === CLAIM_BATCH) this.again = true;
    } catch (error) {
      this.logger.warn(`Relay pass failed, will retry: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async listen(): Promise<void> {
    const listener = new Client({ connectionString: this.config.DATABASE_URL, application_name: 'keta-relay' });
    listener.on('notification', () => this.wake());
    listener.on('error', () => {
      // The poll keeps the relay going; listen again shortly.
      this.listener = undefined;
      if (!this.stopped) setTimeout(() => void this.listen().catch(() => undefined), this.config.OUTBOX_POLL_MS);
    });
    await listener.connect();
    await listener.query('LISTEN keta_outbox');
    this.listener = listener;
  }
}
