import type { AuditEventEntity } from '@keta/db';
import { auditQuerySchema, type AuditQuery } from '@keta/domain';
import { Controller, Get, Query } from '@nestjs/common';
import { Roles } from '../auth/access.decorators';
import { ZodPipe } from '../http/zod.pipe';
import { AuditTrail } from './audit-trail.service';
import { Audited } from './audited.decorator';

/** The audit trail for admins. Reading it is audited too. */
@Controller('audit-events')
@Roles('admin')
export class AuditEventsController {
  constructor(private readonly trail: AuditTrail) {}

  @Get()
  @Audited('audit-event', 'search')
  search(@Query(new ZodPipe(auditQuerySchema, 'query')) query: AuditQuery): Promise<AuditEventEntity[]> {
    return this.trail.search(query);
  }
}
