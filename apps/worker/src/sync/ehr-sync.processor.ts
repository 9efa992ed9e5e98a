import {
  EhrConnectionEntity, completeConfirmedOutbox, readLedger, readPatientProjection, recordFailure, recordSynced, type StoredResource,
} from '@keta/db';
import { toSyncBundle } from '@keta/fhir-mapping';
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
 * sends the patient's records as one transaction Bundle of conditional updates when any is behind,
 * and records what the EHR confirmed in the ledger, which completes the outbox rows. Sending state,
 * not events, makes duplicates and retries converge.
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
    if (!(await this.anyBehind(connectionId, records))) {
      await completeConfirmedOutbox(this.db.manager, patientId);
      return { sent: 0, skipped: 'up-to-date' };
    }
    const response = await this.send(connection, records, traceId);
    const confirmed = records.map((r, i) => ({ resourceType: r.resourceType, resourceId: r.id, localVersion: r.version, ...remoteIdentity(response.entry?.[i]) }));
    await this.db.transaction(async (tx) => {
      await recordSynced(tx, connectionId, confirmed);
      await completeConfirmedOutbox(tx, patientId);
    });
    for (const r of confirmed) {
      this.logger.debug(`${r.resourceType}/${r.resourceId} v${r.localVersion} synced to connection ${connectionId} as ${r.remoteId} (trace ${traceId})`);
    }
    return { sent: records.length };
  }

  private async anyBehind(connectionId: string, records: StoredResource[]): Promise<boolean> {
    const ledger = await readLedger(this.db.manager, connectionId, records.map((r) => r.id));
    return records.some((r) => {
      const held = ledger.get(`${r.resourceType}/${r.id}`);
      return !held || held.status !== 'synced' || held.localVersion < r.version;
    });
  }

  /** The whole patient goes in one Bundle, so references between the records resolve inside it. */
  private async send(connection: EhrConnectionEntity, records: StoredResource[], traceId: string) {
    try {
      return await postTransaction(connection.baseUrl, toSyncBundle(records), this.config.EHR_REQUEST_TIMEOUT_MS);
    } catch (error) {
      if (!(error instanceof EhrError)) throw error;
      const attempted = records.map((r) => ({ resourceType: r.resourceType, resourceId: r.id, localVersion: r.version }));
      await recordFailure(this.db.manager, connection.id, attempted, error.code);
      this.logger.warn(`Sync to connection ${connection.id} failed: ${error.code} (trace ${traceId})`);
      throw error.permanent ? new UnrecoverableError(error.code) : error;
    }
  }
}
