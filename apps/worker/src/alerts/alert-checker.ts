import { claimUndeliveredAlerts, connectionBacklogs, EhrConnectionEntity, fireSyncAlert, markAlertDelivered, resolveSyncAlert, type SyncAlertNotice } from '@keta/db';
import { epochMinute, syncActivityKey } from '@keta/queue-contracts';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { In, type DataSource } from 'typeorm';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker-config';
import { POSTGRES, REDIS } from '../connections/connections';
import { readAlerts } from './alert-rules';

/** The failure rate is measured over this many minute buckets (the current one included). */
const FAILURE_WINDOW_MINUTES = 5;
const REDIS_TIMEOUT_MS = 2000;

/**
 * Checks every enabled connection against its alert thresholds on a schedule. An alert is kept in
 * PostgreSQL (at most one open per connection and kind, so several workers fire it once); each firing and
 * resolution is logged once, and posted to ALERT_WEBHOOK_URL until delivered (once per check, no storm).
 */
@Injectable()
export class AlertChecker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('alerts');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(POSTGRES) private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.check()
        .catch((error: unknown) => this.logger.warn(`Alert check failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => (this.running = undefined));
    }, this.config.ALERT_CHECK_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One check: measure, fire and resolve, then deliver what is not yet delivered. */
  async check(): Promise<void> {
    const backlogs = await connectionBacklogs(this.db.manager);
    const connections = await this.db.getRepository(EhrConnectionEntity).findBy({ id: In(backlogs.map((b) => b.connectionId)) });
    const thresholds = new Map(connections.map((c) => [c.id, c.alertThresholds]));
    const attempts = await this.recentAttempts(backlogs.map((b) => b.connectionId));
    for (const backlog of backlogs) {
      const { connectionId } = backlog;
      for (const reading of readAlerts(backlog, attempts?.get(connectionId), thresholds.get(connectionId) ?? null, this.config)) {
        const { kind, value, threshold } = reading;
        if (reading.breached && (await fireSyncAlert(this.db.manager, connectionId, kind, value, threshold))) {
          this.logger.warn(`Alert firing: connection ${connectionId} ${kind} ${value} (threshold ${threshold})`);
        } else if (!reading.breached && (await resolveSyncAlert(this.db.manager, connectionId, kind, value))) {
          this.logger.log(`Alert resolved: connection ${connectionId} ${kind} ${value} (threshold ${threshold})`);
        }
      }
    }
    await this.deliver();
  }

  /** Completed and failed attempts per connection over the window; undefined when Redis does not answer in time. */
  private async recentAttempts(connectionIds: string[]): Promise<Map<string, { completed: number; failed: number }> | undefined> {
    const now = epochMinute(Date.now());
    const keys = connectionIds.flatMap((id) => Array.from({ length: FAILURE_WINDOW_MINUTES }, (_, i) => [id, syncActivityKey(this.config.QUEUE_PREFIX, id, now - i)] as const));
    const pipeline = this.redis.pipeline();
    for (const [, key] of keys) pipeline.hgetall(key);
    let timer: NodeJS.Timeout | undefined;
    const results = await Promise.race([
      pipeline.exec().catch(() => null),
      new Promise<null>((resolve) => (timer = setTimeout(resolve, REDIS_TIMEOUT_MS, null))),
    ]).finally(() => clearTimeout(timer));
    if (!results) return undefined;
    const totals = new Map(connectionIds.map((id) => [id, { completed: 0, failed: 0 }]));
    for (const [i, [error, hash]] of results.entries()) {
      if (error) return undefined;
      const total = totals.get(keys[i]![0])!;
      const counts = hash as Record<string, string>;
      total.completed += Number(counts.completed ?? 0);
      total.failed += Number(counts.failed ?? 0);
    }
    return totals;
  }

  /** Posts each undelivered state change once per check; a failure is logged and tried again next check. */
  private async deliver(): Promise<void> {
    const url = this.config.ALERT_WEBHOOK_URL;
    if (!url) return;
    await this.db.transaction(async (tx) => {
      for (const notice of await claimUndeliveredAlerts(tx, 50)) {
        try {
          await post(url, notice, this.config.ALERT_WEBHOOK_TIMEOUT_MS);
          await markAlertDelivered(tx, notice.id, notice.status);
        } catch (error) {
          this.logger.warn(`Alert webhook failed for connection ${notice.connectionId} ${notice.kind} ${notice.status}: ${error instanceof Error ? error.message : String(error)}`);
          return; // the webhook is down: the rest wait for the next check
        }
      }
    });
  }
}

async function post(url: string, { status, connectionId, kind, value, threshold, firedAt, resolvedAt }: SyncAlertNotice, timeoutMs: number): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status, connectionId, kind, value, threshold, firedAt, resolvedAt }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  await res.arrayBuffer().catch(() => undefined);
  if (!res.ok) throw new Error(`answered ${res.status}`);
}
