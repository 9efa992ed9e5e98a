import { AuditEventEntity } from '@keta/db';
import { auditQuerySchema, type AuditQuery } from '@keta/domain';
import { Controller, Get, Query } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Between, LessThan, MoreThanOrEqual, type FindOptionsWhere, type Repository } from 'typeorm';
import { Roles } from '../auth/access.decorators';
import { ZodPipe } from '../http/zod.pipe';
import { Audited } from './audited.decorator';

/** The audit trail, newest first; page with `before` (the last id seen). Reading it is audited too. */
@Controller('audit-events')
@Roles('admin')
export class AuditEventsController {
  constructor(@InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>) {}

  @Get()
  @Audited('audit-event', 'search')
  search(@Query(new ZodPipe(auditQuerySchema, 'query')) query: AuditQuery): Promise<AuditEventEntity[]> {
    const { limit, before, since, until, ...exact } = query;
    const where: FindOptionsWhere<AuditEventEntity> = { ...exact };
    if (before) where.id = LessThan(String(before));
    if (since && until) where.occurredAt = Between(new Date(since), new Date(until));
    else if (since) where.occurredAt = MoreThanOrEqual(new Date(since));
    else if (until) where.occurredAt = LessThan(new Date(until));
    return this.events.find({ where, order: { id: 'DESC' }, take: limit });
  }
}
