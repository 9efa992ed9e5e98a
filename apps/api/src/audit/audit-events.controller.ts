import type { AuditEventEntity } from '@keta/db';
import { auditQuerySchema, type AuditQuery } from '@keta/domain';
import { Controller, Get } from '@nestjs/common';
import { Roles } from '../auth/access.decorators';
import { AuditTrail } from './audit-trail.service';
import { Audited } from './audited.decorator';
import { ValidQuery } from '../openapi/valid-input.decorators';

/** The audit trail for admins. Reading it is audited too. */
@Controller('audit-events')
@Roles('admin')
export class AuditEventsController {
  constructor(private readonly trail: AuditTrail) {}

  @Get()
  @Audited('audit-event', 'search')
  search(@ValidQuery(auditQuerySchema) query: AuditQuery): Promise<AuditEventEntity[]> {
    return this.trail.search(query);
  }
}
