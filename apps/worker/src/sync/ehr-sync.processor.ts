import { disclosure } from '@keta/clinical-rules';
import {
  EhrConnectionEntity, completeConfirmedOutbox, isBehind, readLedger, readPatientConsents, readPatientProjection, recordWithheld, referrerScope,
  type LedgerState,
  type StoredResource,
} from '@keta/db';
import { MAX_SYNC_BUNDLE_ENTRIES, asConnectionReceives, inSyncOrder, isPart2, typeAsReceived } from '@keta/fhir-mapping';
import { EhrAuthorizer } from '@keta/ehr-client';
import { syncPatientPayload } from '@keta/queue-contracts';
import { Inject, Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker-config';
import { POSTGRES } from '../connections/connections';
import { BatchSender, type SyncRun } from './batch-sender';
import { BundlePacker } from './bundle-packer';

export interface SyncOutcome {
  sent: number;
  skipped?: 'connection-disabled' | 'up-to-date';
}

/**
 * Brings one EHR up to date with one patient. It re-reads the projection (the job carries ids only),
 * sends the records that are behind the ledger, in the form the connection takes, as transaction Bundles
 * of conditional updates small enough for the EHR (packed with other patients' when the connection is
 * busy), each record after the records it references; the ledger
 * records what the EHR confirmed, which completes the outbox rows. Sending state, not events, makes
 * duplicates, retries and late jobs converge on the latest version.
 */
@Injectable()
export class EhrSyncProcessor {
  private readonly sender: BatchSender;
  private readonly slots: number;

  constructor(
    @Inject(POSTGRES) private readonly db: DataSource,
    @Inject(WORKER_CONFIG) config: WorkerConfig,
    authorizer: EhrAuthorizer,
  ) {
    // One packer for the process: the jobs of one connection share its requests.
    const packer = new BundlePacker(MAX_SYNC_BUNDLE_ENTRIES);
    const limits = { timeoutMs: config.EHR_REQUEST_TIMEOUT_MS, conflictAttempts: config.SYNC_CONFLICT_ATTEMPTS };
    this.sender = new BatchSender(db, packer, limits, authorizer);
    this.slots = config.SYNC_CONCURRENCY;
  }

  async process(job: Job): Promise<SyncOutcome> {
    const { connectionId, patientId, traceId } = syncPatientPayload.parse(job.data);
    const connection = await this.db.getRepository(EhrConnectionEntity).findOneBy({ id: connectionId });
    if (!connection?.enabled) return { sent: 0, skipped: 'connection-disabled' };
    const format = connection.homeMedicationFormat;
    const records = await this.recordsFor(connection, patientId);
    const ledger = await readLedger(this.db.manager, connectionId, records.map((r) => r.id));
    const pending = records.filter((r) => isBehind(ledger.get(`${r.resourceType}/${r.id}`), r.version));
    const behind = (await this.withholdWhatItMayNotHave(connection, patientId, pending)).map((r) => ({ ...r, resource: asConnectionReceives(r.resource, format) }));
    if (!behind.length) {
      await completeConfirmedOutbox(this.db.manager, patientId);
      return { sent: 0, skipped: 'up-to-date' };
    }
    const sentAs = (type: string) => typeAsReceived(type, format);
    const run: SyncRun = {
      connectionId, baseUrl: connection.baseUrl, slots: connection.concurrency ?? this.slots, credentials: connection, patientId, traceId,
      attemptsMade: job.attemptsMade, typeAsReceived: sentAs, elsewhere: remoteIds(ledger, sentAs), dead: deadLetters(ledger, sentAs),
    };
    await this.sender.authorize(run, behind);
    await this.sender.send(run, inSyncOrder(behind));
    return { sent: behind.length };
  }

  /** A clinic EHR receives every record of the patient; a referrer's EHR those of the referrals it sent. */
  private async recordsFor(connection: EhrConnectionEntity, patientId: string): Promise<StoredResource[]> {
    const records = await readPatientProjection(this.db.manager, patientId);
    if (connection.kind === 'clinic-ehr') return records;
    const scope = await referrerScope(this.db.manager, patientId, connection.referrerNpis);
    return records.filter((r) => scope.has(`${r.resourceType}/${r.id}`));
  }

  /**
   * Keeps back what this connection may not have: types it does not receive (its settings), and what the
   * patient's consent does not let it have (DESIGN.md, "Who receives what"). The ledger records each as
   * withheld with the reason, and they are looked at again next time.
   */
  private async withholdWhatItMayNotHave(connection: EhrConnectionEntity, patientId: string, records: StoredResource[]): Promise<StoredResource[]> {
    const consents = await readPatientConsents(this.db.manager, patientId);
    const today = new Date().toISOString().slice(0, 10);
    const allowed: StoredResource[] = [];
    const withheld = new Map<string, Array<{ resourceType: string; resourceId: string; localVersion: number }>>();
    for (const record of records) {
      const verdict = connection.resourceTypes && !connection.resourceTypes.includes(record.resourceType)
        ? { allowed: false as const, reason: 'type-not-enabled' }
        : disclosure({ part2: isPart2(record.resource.meta?.security) }, connection.baseUrl, consents, today);
      if (verdict.allowed) allowed.push(record);
      else withheld.set(verdict.reason, [...(withheld.get(verdict.reason) ?? []), { resourceType: record.resourceType, resourceId: record.id, localVersion: record.version }]);
    }
    for (const [reason, kept] of withheld) await recordWithheld(this.db.manager, connection.id, kept, reason);
    if (withheld.size) await completeConfirmedOutbox(this.db.manager, patientId);
    return allowed;
  }
}

/** Where the EHR keeps what it already holds, as the type it received, for references from what is sent now. */
function remoteIds(ledger: Map<string, LedgerState>, sentAs: (type: string) => string): Map<string, string> {
  return new Map([...ledger].flatMap(([key, held]) => {
    const [type = '', id] = key.split('/');
    return held.remoteId ? [[`${sentAs(type)}/${id}`, `${sentAs(type)}/${held.remoteId}`] as [string, string]] : [];
  }));
}

/** Records waiting as dead letters: what references them is held back rather than refused for it. */
function deadLetters(ledger: Map<string, LedgerState>, sentAs: (type: string) => string): Set<string> {
  return new Set([...ledger].flatMap(([key, held]) => (held.status === 'dead' ? [`${sentAs(key.split('/')[0] ?? '')}/${key.split('/')[1]}`] : [])));
}
