import {
  ledgerSearchSchema, reconcileSchema, resyncSchema, type ConnectionFailures, type ConnectionHealth, type LedgerRecord, type LedgerSearchQuery,
  type ReconcileRequest, type ResyncRequest,
} from '@keta/domain';
import { Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { z } from 'zod';
import { Audited } from '../audit/audited.decorator';
import { Roles } from '../auth/access.decorators';
import type { KetaRequest } from '../auth/principal';
import { uuidParam } from '../http/uuid-param.pipe';
import { ZodPipe } from '../http/zod.pipe';
import { ValidBody, ValidQuery } from '../openapi/valid-input.decorators';
import { OpsActions } from './ops-actions.service';
import { OpsService } from './ops.service';
import { QUEUE_BOARD_PATH, QueueBoard } from './queue-board';

/** BullMQ numbers a queue's jobs. */
const jobIdParam = new ZodPipe(z.string().regex(/^\d{1,20}$/, 'must be a job id (digits)'), 'jobId');

/** The ops console's API: each EHR connection's sync, its failures, and the actions that repair it. Ids, codes and counts only. */
@Controller('ops')
@Roles('admin', 'ops')
export class OpsController {
  constructor(
    private readonly ops: OpsService,
    private readonly actions: OpsActions,
    private readonly board: QueueBoard,
  ) {}

  /** A link that opens the raw queue view (Bull Board) in a browser, good for a few seconds. */
  @Post('queues/ticket')
  @HttpCode(200)
  @Audited('sync-queue-board', 'read')
  async ticket(@Req() req: KetaRequest): Promise<{ url: string }> {
    return { url: `${QUEUE_BOARD_PATH}/?ticket=${await this.board.ticket(req.principal!.userId)}` };
  }

  @Get('connections')
  connections(): Promise<ConnectionHealth[]> {
    return this.ops.connections();
  }

  @Get('connections/:id/failures')
  failures(@Param('id', uuidParam()) id: string): Promise<ConnectionFailures> {
    return this.ops.failures(id);
  }

  @Get('sync-records')
  search(@ValidQuery(ledgerSearchSchema) query: LedgerSearchQuery): Promise<LedgerRecord[]> {
    return this.ops.search(query);
  }

  @Post('connections/:id/jobs/retry-failed')
  @HttpCode(200)
  @Audited('sync-connection', 'update')
  retryFailed(@Param('id', uuidParam()) id: string): Promise<{ retried: number }> {
    return this.actions.retryFailed(id);
  }

  @Post('connections/:id/jobs/:jobId/retry')
  @HttpCode(200)
  @Audited('sync-job', 'update')
  retryJob(@Param('id', uuidParam()) id: string, @Param('jobId', jobIdParam) jobId: string): Promise<{ retried: number }> {
    return this.actions.retryJob(id, jobId);
  }

  @Post('connections/:id/dead-letters/replay')
  @HttpCode(200)
  @Audited('sync-connection', 'update')
  replay(@Param('id', uuidParam()) id: string): Promise<{ replayed: number }> {
    return this.actions.replayDeadLetters(id);
  }

  @Post('connections/:id/pause')
  @HttpCode(200)
  @Audited('sync-connection', 'update')
  async pause(@Param('id', uuidParam()) id: string): Promise<ConnectionHealth> {
    await this.actions.setPaused(id, true);
    return this.ops.connection(id);
  }

  @Post('connections/:id/resume')
  @HttpCode(200)
  @Audited('sync-connection', 'update')
  async resume(@Param('id', uuidParam()) id: string): Promise<ConnectionHealth> {
    await this.actions.setPaused(id, false);
    return this.ops.connection(id);
  }

  @Post('connections/:id/resync')
  @HttpCode(200)
  @Audited('sync-connection', 'update')
  resync(@Param('id', uuidParam()) id: string, @ValidBody(resyncSchema) body: ResyncRequest): Promise<{ queued: number; patients?: number }> {
    return this.actions.resync(id, body.patientId);
  }

  /** Queued for the worker, which answers nothing here: the job's id, to follow it in Bull Board. */
  @Post('connections/:id/reconcile')
  @HttpCode(202)
  @Audited('sync-connection', 'update')
  reconcile(@Param('id', uuidParam()) id: string, @ValidBody(reconcileSchema) body: ReconcileRequest): Promise<{ jobId: string }> {
    return this.actions.reconcile(id, body.patientId);
  }
}
