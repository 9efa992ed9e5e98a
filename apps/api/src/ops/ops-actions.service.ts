import { EhrConnectionEntity, clearAuthRefused, hasRecords, replayDeadLettersOf, resyncConnection, resyncPatient } from '@keta/db';
import { DomainError, ErrorCode } from '@keta/errors';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditedChange } from '../audit/audited-change.service';
import { lockConnection } from '../ehr-connections/connection-lock';
import { OpsQueues } from './ops-queues.service';
import { OpsService } from './ops.service';

/**
 * What ops do to a connection's sync: retry failed jobs, send dead letters again, pause or resume it, send a
 * patient's records (or all it holds) again, compare it with its EHR. Each is audited by its route; what changes PostgreSQL commits with its audit row.
 */
@Injectable()
export class OpsActions {
  constructor(
    private readonly changes: AuditedChange,
    private readonly queues: OpsQueues,
    private readonly ops: OpsService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async retryJob(connectionId: string, jobId: string): Promise<{ retried: number }> {
    await this.ops.existing(connectionId);
    if (!(await this.queues.retryJob(connectionId, jobId))) throw new DomainError(ErrorCode.NotFound, 'No failed job has this id on this connection');
    return { retried: 1 };
  }

  /**
   * Retries every failed job. A connection held because the EHR refused Keta's credentials is let go first
   * (the fix was made on the EHR's side): its workers resume on their next pass, and the jobs ask again.
   */
  async retryFailed(connectionId: string): Promise<{ retried: number }> {
    await this.ops.existing(connectionId);
    await this.changes.run((tx) => clearAuthRefused(tx, connectionId));
    return { retried: await this.queues.retryFailed(connectionId) };
  }

  async replayDeadLetters(connectionId: string): Promise<{ replayed: number }> {
    await this.ops.existing(connectionId);
    return { replayed: await this.changes.run((tx) => replayDeadLettersOf(tx, connectionId)) };
  }

  /**
   * Pauses or resumes the connection for every worker: the setting in PostgreSQL (workers follow it within one
   * relay pass) and the queue in Redis at once.
   */
  async setPaused(connectionId: string, paused: boolean): Promise<void> {
    await this.changes.run(async (tx) => {
      const connection = await lockConnection(tx, connectionId);
      if (!connection) throw new DomainError(ErrorCode.NotFound, 'No EHR connection has this id');
      if (connection.paused !== paused) await tx.getRepository(EhrConnectionEntity).save(Object.assign(connection, { paused }));
    });
    // The setting holds whatever Redis does now: workers apply it on their next pass.
    await this.queues.pause(connectionId, paused).catch(() => undefined);
  }

  /** One patient's records, or, without one, every record the connection holds (the relay sends them on in its batches). */
  async resync(connectionId: string, patientId?: string): Promise<{ queued: number; patients?: number }> {
    await this.ops.existing(connectionId);
    if (!patientId) return this.changes.run((tx) => resyncConnection(tx, connectionId));
    const queued = await this.changes.run((tx) => resyncPatient(tx, connectionId, patientId));
    if (!queued) throw noRecords();
    return { queued };
  }

  /** Asks the worker to compare the connection with its EHR (one patient, or the sample) and send what differs. */
  async reconcile(connectionId: string, patientId?: string): Promise<{ jobId: string }> {
    await this.ops.existing(connectionId);
    if (patientId && !(await hasRecords(this.db.manager, patientId))) throw noRecords();
    return { jobId: await this.queues.enqueueReconciliation(connectionId, patientId) };
  }
}

const noRecords = () => new DomainError(ErrorCode.NotFound, 'No patient has this id, or none of their records is kept');
