import { EhrConnectionEntity, markReconciled, recordsToReconcile, resyncRecords, type HeldRecord } from '@keta/db';
import { EhrAuthorizer, postBatch } from '@keta/ehr-client';
import { typeAsReceived } from '@keta/fhir-mapping';
import type { ReconcileWithEhrPayload } from '@keta/queue-contracts';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker-config';
import { POSTGRES } from '../connections/connections';
import { compareWithEhr, type Verdict } from './ehr-comparison';
import { searchByIdentifier } from './identifier-search';
import { referencesToRecreated } from './references-to-recreated';

/** What one reconciliation found and did: counts only (identifiers may be MRNs). */
export interface ReconcileCounts {
  checked: number;
  matching: number;
  altered: number;
  missing: number;
  /** Ledger rows put behind: the altered, the missing, and what references a missing one. */
  requeued: number;
  skipped?: 'connection-disabled' | 'connection-paused';
}

const NOTHING = { checked: 0, matching: 0, altered: 0, missing: 0, requeued: 0 };

/**
 * Compares a connection's ledger with its EHR and sends again what the EHR lost or changed. It asks the EHR,
 * by identifier, for the records the ledger says it holds (one patient's, or the sample checked least recently),
 * then, in one transaction, puts the differing rows behind and back into the outbox (the sync sends only what is
 * behind, so what matches is not sent) and notes every row as checked. An EHR error fails the run before
 * anything is written, for BullMQ to retry.
 */
@Injectable()
export class EhrReconciliation {
  private readonly logger = new Logger('ehr-reconciliation');

  constructor(
    @Inject(POSTGRES) private readonly db: DataSource,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    private readonly authorizer: EhrAuthorizer,
  ) {}

  async reconcileWithEhr({ connectionId, patientId }: ReconcileWithEhrPayload): Promise<ReconcileCounts> {
    const connection = await this.db.getRepository(EhrConnectionEntity).findOneBy({ id: connectionId });
    // Paused by ops (the EHR asked for quiet, say): no traffic of any kind, searches included.
    if (!connection?.enabled || connection.paused) return { ...NOTHING, skipped: connection?.enabled ? 'connection-paused' : 'connection-disabled' };
    const scope = patientId ? { patientId } : { limit: this.config.RECONCILE_SAMPLE_SIZE };
    const held = await recordsToReconcile(this.db.manager, connectionId, scope);
    const verdicts = await this.compare(connection, held);
    const differing = held.filter((_, i) => verdicts[i] !== 'matching');
    const missing = held.filter((_, i) => verdicts[i] === 'missing');
    const referencing = await referencesToRecreated(this.db.manager, connection.homeMedicationFormat, missing);
    const requeued = await this.db.transaction(async (tx) => {
      const behind = await resyncRecords(tx, connectionId, [...differing, ...referencing]);
      await markReconciled(tx, connectionId, held);
      return behind;
    });
    const counts = { checked: held.length, matching: held.length - differing.length, altered: differing.length - missing.length, missing: missing.length, requeued };
    this.logger.log(`Reconciled connection ${connectionId}: ${JSON.stringify(counts)}`);
    return counts;
  }

  private async compare(connection: EhrConnectionEntity, held: HeldRecord[]): Promise<Verdict[]> {
    if (!held.length) return [];
    const searches = held.map((h) => ({ resourceType: typeAsReceived(h.resourceType, connection.homeMedicationFormat), identifier: h.syncIdentifier }));
    const timeoutMs = this.config.EHR_REQUEST_TIMEOUT_MS;
    // With the sync's credentials: the shared token, a new one once on a 401, a refusal held on the connection.
    const found = await searchByIdentifier((bundle) => this.authorizer.send(connection, (authorization) => postBatch(connection.baseUrl, bundle, timeoutMs, authorization)), searches);
    return held.map((h, i) => compareWithEhr(h, found[i] ?? []));
  }
}
