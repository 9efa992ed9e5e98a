import { listDeadLetters, replayDeadLetter, type DeadLetter } from '@keta/db';
import { deadLetterQuerySchema, deadLetterReplaySchema, type DeadLetterQuery, type DeadLetterReplay } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Audited } from '../audit/audited.decorator';
import { Roles } from '../auth/access.decorators';
import { ValidBody, ValidQuery } from '../openapi/valid-input.decorators';
import { AuditedChange } from '../audit/audited-change.service';

/**
 * Records an EHR refused by its rules, for ops to see and send again once the EHR or the data is fixed:
 * ids, types, versions, codes and paths only, never PHI.
 */
@Controller('sync/dead-letters')
export class DeadLettersController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly changes: AuditedChange,
  ) {}

  @Get()
  @Roles('admin', 'ops')
  list(@ValidQuery(deadLetterQuerySchema) query: DeadLetterQuery): Promise<DeadLetter[]> {
    return listDeadLetters(this.db.manager, query.connectionId);
  }

  @Post('replay')
  @HttpCode(202)
  @Roles('admin', 'ops')
  @Audited('sync-dead-letter', 'update')
  async replay(@ValidBody(deadLetterReplaySchema) body: DeadLetterReplay): Promise<{ replayed: true }> {
    const replayed = await this.changes.run((tx) => replayDeadLetter(tx, body));
    if (!replayed) throw new DomainError(ErrorCode.NotFound, 'No dead letter for this connection and record');
    return { replayed: true };
  }
}
