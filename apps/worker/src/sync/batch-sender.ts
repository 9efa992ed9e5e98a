import { completeConfirmedOutbox, recordDeadLetter, recordFailure, recordSynced, type StoredResource } from '@keta/db';
import { MAX_SYNC_BUNDLE_ENTRIES, referencesOf, toSyncBundle } from '@keta/fhir-mapping';
import type { BundleEntry } from '@medplum/fhirtypes';
import { Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import type { DataSource } from 'typeorm';
import { EhrError, postTransaction, type EhrAuthorizer, type EhrCredentials } from '@keta/ehr-client';
import { remoteIdentity } from '../ehr/remote-identity';
import type { BundlePacker, Offer } from './bundle-packer';
import { RateLimited } from './rate-limited';

/** One patient's sync to one connection: who, where, how busy it may be kept, and where the EHR keeps what it already has. */
export interface SyncRun {
  connectionId: string;
  baseUrl: string;
  /** Requests in flight to this connection at most: its concurrency. */
  slots: number;
  /** How the EHR takes Keta's requests: none, a bearer token, or a SMART client's. */
  credentials: EhrCredentials;
  patientId: string;
  traceId: string;
  /** Retries of this job so far: conflicts are retried a bounded number of times. */
  attemptsMade: number;
  /** `Type/localId` → `Type/remoteId`, as received by the EHR; grows as Bundles are confirmed. */
  elsewhere: Map<string, string>;
  /** Records refused as dead letters in this run (`Type/localId` as received): what references them waits. */
  dead: Set<string>;
  typeAsReceived: (resourceType: string) => string;
}

export interface SendLimits {
  timeoutMs: number;
  conflictAttempts: number;
}

/**
 * Sends a patient's records and records what came of them. They go through the packer, in order, in as many
 * transaction Bundles as it takes, shared with other patients' records when the connection is busy. The EHR
 * refusing records by its rules (400/422) does not hold the patient back: each is then sent alone, and only
 * those it refuses become dead letters (what references them waits). A conflict that outlasts its retries is
 * a dead letter too; a Retry-After is honoured; anything else is retried with backoff.
 */
export class BatchSender {
  private readonly logger = new Logger('ehr-sync');

  constructor(
    private readonly db: DataSource,
    private readonly packer: BundlePacker,
    private readonly limits: SendLimits,
    private readonly authorizer: EhrAuthorizer,
  ) {}

  /**
   * Makes sure the EHR will take Keta's requests before any is packed: a missing or refused credential, or a
   * token endpoint that cannot be reached, is recorded against the records, then thrown.
   */
  async authorize(run: SyncRun, records: StoredResource[]): Promise<void> {
    try {
      await this.authorizer.authorization(run.credentials);
    } catch (error) {
      if (error instanceof EhrError) throw await this.settle(run, records, error);
      throw error;
    }
  }

  /** Sends the records, ordered so that each follows what it references, until each is confirmed, dead or waiting. */
  async send(run: SyncRun, records: StoredResource[]): Promise<void> {
    let rest = records;
    while (rest.length) {
      rest = await this.holdBackBlocked(run, rest);
      if (!rest.length) return;
      const delivery = await this.packer.send(run.connectionId, run.slots, this.offer(run, rest));
      const part = rest.slice(0, delivery.count);
      rest = rest.slice(delivery.count);
      if ('answer' in delivery) await this.confirm(run, part, delivery.answer);
      else await this.refused(run, part, delivery.failure);
    }
  }

  /** The next Bundle's worth, with references to what the EHR already holds in its ids. */
  private offer(run: SyncRun, records: StoredResource[]): Offer {
    const { baseUrl, credentials } = run;
    return {
      route: run.connectionId,
      entries: toSyncBundle(records.slice(0, MAX_SYNC_BUNDLE_ENTRIES), run.elsewhere).entry ?? [],
      post: (bundle) => this.authorizer.send(credentials, (authorization) => postTransaction(baseUrl, bundle, this.limits.timeoutMs, authorization)),
    };
  }

  private async refused(run: SyncRun, part: StoredResource[], failure: unknown): Promise<void> {
    if (!(failure instanceof EhrError)) throw failure;
    const exhausted = failure.errorClass === 'conflict' && run.attemptsMade + 1 >= this.limits.conflictAttempts;
    if (failure.errorClass === 'invalid' && part.length > 1) return this.isolate(run, part);
    if (failure.errorClass === 'invalid' || exhausted) return this.bury(run, part, failure);
    throw await this.settle(run, part, failure);
  }

  /** Each record alone, in order: only those the EHR refuses become dead letters. */
  private async isolate(run: SyncRun, part: StoredResource[]): Promise<void> {
    for (const record of part) await this.send(run, [record]);
  }

  /** A record that references a dead letter waits for it (the EHR could not resolve the reference). */
  private async holdBackBlocked(run: SyncRun, records: StoredResource[]): Promise<StoredResource[]> {
    const ready: StoredResource[] = [];
    for (const record of records) {
      const blockedBy = referencesOf(record.resource).find((ref) => run.dead.has(ref));
      if (blockedBy) await recordFailure(this.db.manager, run.connectionId, [attempt(record)], `waits_for_${blockedBy.split('/')[0]}`);
      else ready.push(record);
    }
    return ready;
  }

  private async confirm(run: SyncRun, part: StoredResource[], answer: BundleEntry[]): Promise<void> {
    const confirmed = part.map((r, i) => ({ ...attempt(r), ...remoteIdentity(answer[i]) }));
    await this.db.transaction(async (tx) => {
      await recordSynced(tx, run.connectionId, confirmed);
      await completeConfirmedOutbox(tx, run.patientId);
    });
    for (const r of confirmed) {
      const sentAs = run.typeAsReceived(r.resourceType);
      if (r.remoteId) run.elsewhere.set(`${sentAs}/${r.resourceId}`, `${sentAs}/${r.remoteId}`);
      this.logger.debug(`${r.resourceType}/${r.resourceId} v${r.localVersion} synced to connection ${run.connectionId} as ${r.remoteId} (trace ${run.traceId})`);
    }
  }

  /** Records a failed Bundle and answers what to throw: wait (Retry-After), retry with backoff, or give up on this job. */
  private async settle(run: SyncRun, batch: StoredResource[], error: EhrError): Promise<Error> {
    this.logger.warn(`Sync to connection ${run.connectionId} failed: ${error.code} (trace ${run.traceId})`);
    await recordFailure(this.db.manager, run.connectionId, batch.map(attempt), error.code);
    if (error.errorClass === 'rate-limited' && error.retryAfterMs !== undefined) return new RateLimited(error.retryAfterMs);
    // The class rides along, for the worker's metrics and the ops console (sync-activity.ts).
    return error.permanent ? Object.assign(new UnrecoverableError(error.code), { errorClass: error.errorClass }) : error;
  }

  private async bury(run: SyncRun, batch: StoredResource[], error: EhrError): Promise<void> {
    await this.db.transaction(async (tx) => {
      await recordDeadLetter(tx, run.connectionId, batch.map(attempt), error.code, error.outcome ?? null);
      await completeConfirmedOutbox(tx, run.patientId);
    });
    for (const r of batch) run.dead.add(`${run.typeAsReceived(r.resourceType)}/${r.id}`);
    this.logger.warn(`Dead letter on connection ${run.connectionId}: ${batch.map((r) => `${r.resourceType}/${r.id} v${r.version}`).join(', ')} ${error.code}`);
  }
}

function attempt(r: StoredResource) {
  return { resourceType: r.resourceType, resourceId: r.id, localVersion: r.version };
}
