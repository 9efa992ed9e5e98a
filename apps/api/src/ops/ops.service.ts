import { connectionBacklogs, EhrConnectionEntity, ledgerSummaries, searchLedger, type LedgerSummary } from '@keta/db';
import type { ActivityWindow, ConnectionFailures, ConnectionHealth, LedgerRecord, LedgerSearchQuery, MinuteActivity, ReferralPollView } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { readPolls, type InboundPollState } from '../inbound-polling/inbound-poll.store';
import { errorRate, healthOf } from './connection-health';
import { OpsQueues } from './ops-queues.service';

const NO_SUMMARY: LedgerSummary = { deadLetters: 0, failed: 0, lastSuccessAt: null, topFailureReasons: [] };

/** The ops console's reads: each connection's health, its failures, and the ledger searched. */
@Injectable()
export class OpsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queues: OpsQueues,
  ) {}

  async connections(): Promise<ConnectionHealth[]> {
    const connections = await this.db.getRepository(EhrConnectionEntity).find({ order: { name: 'ASC', id: 'ASC' } });
    const [summaries, pending, polls] = [await ledgerSummaries(this.db.manager), await this.oldestPending(), await readPolls(this.db.manager)];
    return Promise.all(connections.map((c) => this.healthOf(c, summaries.get(c.id) ?? NO_SUMMARY, pending.get(c.id) ?? null, polls.get(c.id))));
  }

  async connection(id: string): Promise<ConnectionHealth> {
    const connection = await this.existing(id);
    const [summaries, pending, polls] = [await ledgerSummaries(this.db.manager), await this.oldestPending(), await readPolls(this.db.manager)];
    return this.healthOf(connection, summaries.get(id) ?? NO_SUMMARY, pending.get(id) ?? null, polls.get(id));
  }

  async failures(id: string): Promise<ConnectionFailures> {
    await this.existing(id);
    const [failed, dead] = await Promise.all([
      searchLedger(this.db.manager, { connectionId: id, status: 'failed', limit: 100, offset: 0 }),
      searchLedger(this.db.manager, { connectionId: id, status: 'dead-letter', limit: 100, offset: 0 }),
    ]);
    return { jobs: (await this.queues.failedJobs(id)) ?? [], records: [...dead, ...failed] };
  }

  search(query: LedgerSearchQuery): Promise<LedgerRecord[]> {
    return searchLedger(this.db.manager, query);
  }

  async existing(id: string): Promise<EhrConnectionEntity> {
    const connection = await this.db.getRepository(EhrConnectionEntity).findOneBy({ id });
    if (!connection) throw new DomainError(ErrorCode.NotFound, 'No EHR connection has this id');
    return connection;
  }

  /** Seconds the oldest record each enabled connection has not confirmed has waited (the relay's own rule). */
  private async oldestPending(): Promise<Map<string, number | null>> {
    const backlogs = await connectionBacklogs(this.db.manager);
    return new Map(backlogs.map((b) => [b.connectionId, b.oldestPendingSeconds === null ? null : Math.max(0, Math.round(b.oldestPendingSeconds))]));
  }

  private async healthOf(
    connection: EhrConnectionEntity, summary: LedgerSummary, oldestPendingSeconds: number | null, poll: InboundPollState | undefined,
  ): Promise<ConnectionHealth> {
    const [depth, perMinute, circuit] = await Promise.all([
      this.queues.depth(connection.id), this.queues.activity(connection.id, 60), this.queues.circuit(connection.id),
    ]);
    const minutes = perMinute ?? [];
    const window = (last: MinuteActivity[]): ActivityWindow => {
      const counts = { completed: sum(last, 'completed'), failed: sum(last, 'failed') };
      return { ...counts, errorRate: errorRate(counts) };
    };
    const last5m = window(minutes.slice(-5));
    const queue = depth ? { ...depth, deadLetters: summary.deadLetters } : null;
    const referralPolling = connection.pollReferrals && poll ? pollView(poll) : null;
    const authRefused = connection.authRefusedCode && connection.authRefusedAt ? { code: connection.authRefusedCode, at: connection.authRefusedAt.toISOString() } : null;
    const { health, reasons } = healthOf({
      enabled: connection.enabled, paused: connection.paused, authRefused, circuit: circuit.state, queue: depth, deadLetters: summary.deadLetters, last5m, oldestPendingSeconds,
      referralPolling,
    });
    return {
      id: connection.id, name: connection.name, kind: connection.kind, enabled: connection.enabled, paused: connection.paused, authRefused,
      health, healthReasons: reasons, circuit, queue,
      activity: { perMinute: minutes, last5m, last60m: window(minutes) },
      oldestPendingSeconds, lastSuccessAt: summary.lastSuccessAt?.toISOString() ?? null, topFailureReasons: summary.topFailureReasons,
      referralPolling,
    };
  }
}

const sum = (minutes: MinuteActivity[], key: 'completed' | 'failed') => minutes.reduce((total, m) => total + m[key], 0);

/** Times, codes and counts: not the EHR's ids of what was read. */
function pollView({ connectionId: _id, seenAtWatermark: _seen, ...state }: InboundPollState): ReferralPollView {
  return state;
}
