import {
  EhrConnectionEntity, completeConfirmedOutbox, readLedger, readPatientProjection, recordFailure, recordSynced, type StoredResource,
} from '@keta/db';
import { asConnectionReceives, syncBatches, toSyncBundle, typeAsReceived } from '@keta/fhir-mapping';
import { syncPatientPayload } from '@keta/queue-contracts';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker-config';
import { POSTGRES } from '../connections/connections';
import { EhrError } from '../ehr/ehr-error';
import { postTransaction } from '../ehr/fhir-client';
import { remoteIdentity } from '../ehr/remote-identity';

export interface SyncOutcome {
  sent: number;
  skipped?: 'connection-disabled' | 'up-to-date';
}

/**
 * Brings one EHR up to date with one patient. It re-reads the projection (the job carries ids only),
 * sends the records that are behind as transaction Bundles of conditional updates, small enough for the
 * EHR and each after the records it references, and records what the EHR confirmed in the ledger, which
 * completes the outbox rows. Sending state, not events, makes duplicates and retries converge; a retry
 * after a failed Bundle sends only what is still behind.
 */
@Injectable()
export class EhrSyncProcessor {
  private readonly logger = new Logger('ehr-sync');

  constructor(
    @Inject(POSTGRES) private readonly db: DataSource,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
  ) {}

  async process(job: Job): Promise<SyncOutcome> {
    const { connectionId, patientId, traceId } = syncPatientPayload.parse(job.data);
    const connection = await this.db.getRepository(EhrConnectionEntity).findOneBy({ id: connectionId });
    if (!connection?.enabled) return { sent: 0, skipped: 'connection-disabled' };
    const records = await readPatientProjection(this.db.manager, patientId);
    const ledger = await readLedger(this.db.manager, connectionId, records.map((r) => r.id));
    const format = connection.homeMedicationFormat;
    const behind = records
      .filter((r) => {
        const held = ledger.get(`${r.resourceType}/${r.id}`);
        return !held || held.status !== 'synced' || held.localVersion < r.version;
      })
      .map((r) => ({ ...r, resource: asConnectionReceives(r.resource, format) }));
    // Where the EHR keeps what it already holds, as the type it received, for references from the records sent now.
    const elsewhere = new Map([...ledger].flatMap(([key, held]) => {
      const [type = '', id] = key.split('/');
      const sentAs = typeAsReceived(type, format);
      return held.remoteId ? [[`${sentAs}/${id}`, `${sentAs}/${held.remoteId}`] as [string, string]] : [];
    }));
    for (const batch of syncBatches(behind)) await this.sendBatch(connection, patientId, batch, elsewhere, traceId);
    if (!behind.length) await completeConfirmedOutbox(this.db.manager, patientId);
    return behind.length ? { sent: behind.length } : { sent: 0, skipped: 'up-to-date' };
  }

  private async sendBatch(connection: EhrConnectionEntity, patientId: string, batch: StoredResource[], elsewhere: Map<string, string>, traceId: string): Promise<void> {
    const response = await this.send(connection, batch, elsewhere, traceId);
    const confirmed = batch.map((r, i) => ({ resourceType: r.resourceType, resourceId: r.id, localVersion: r.version, ...remoteIdentity(response.entry?.[i]) }));
    await this.db.transaction(async (tx) => {
      await recordSynced(tx, connection.id, confirmed);
      await completeConfirmedOutbox(tx, patientId);
    });
    for (const r of confirmed) {
      const sentAs = typeAsReceived(r.resourceType, connection.homeMedicationFormat);
      if (r.remoteId) elsewhere.set(`${sentAs}/${r.resourceId}`, `${sentAs}/${r.remoteId}`);
      this.logger.debug(`${r.resourceType}/${r.resourceId} v${r.localVersion} synced to connection ${connection.id} as ${r.remoteId} (trace ${traceId})`);
    }
  }

  private async send(connection: EhrConnectionEntity, records: StoredResource[], elsewhere: ReadonlyMap<string, string>, traceId: string) {
    try {
      return await postTransaction(connection.baseUrl, toSyncBundle(records, elsewhere), this.config.EHR_REQUEST_TIMEOUT_MS);
    } catch (error) {
      if (!(error instanceof EhrError)) throw error;
      const attempted = records.map((r) => ({ resourceType: r.resourceType, resourceId: r.id, localVersion: r.version }));
      await recordFailure(this.db.manager, connection.id, attempted, error.code);
      this.logger.warn(`Sync to connection ${connection.id} failed: ${error.code} (trace ${traceId})`);
      throw error.permanent ? new UnrecoverableError(error.code) : error;
    }
  }
}
