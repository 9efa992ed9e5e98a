import type { AuditEventEntity } from '@keta/db';
import { auditQuerySchema, type AuditEventRecord, type AuditQuery } from '@keta/domain';
import { toFhirAuditBundle } from '@keta/fhir-mapping';
import type { AuditEvent, Bundle } from '@medplum/fhirtypes';
import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { FHIR_JSON } from '../fhir/fhir-json';

const FHIR_MEDIA_TYPE = 'application/fhir+json';
import { Roles } from '../auth/access.decorators';
import { AuditTrail } from './audit-trail.service';
import { Audited } from './audited.decorator';
import { ValidQuery } from '../openapi/valid-input.decorators';

/**
 * The audit trail for admins, newest first: the rows as JSON, or (`?format=fhir`, or `Accept:
 * application/fhir+json`) as a FHIR Bundle of AuditEvent resources for export. Reading it is audited too.
 */
@Controller('audit-events')
@Roles('admin')
export class AuditEventsController {
  constructor(private readonly trail: AuditTrail) {}

  @Get()
  @Audited('audit-event', 'search')
  @ApiOkResponse({
    description: 'The audit rows as JSON, or a FHIR Bundle of AuditEvents with `?format=fhir` or `Accept: application/fhir+json`',
    content: { 'application/json': { schema: { type: 'array' } }, [FHIR_MEDIA_TYPE]: { schema: { type: 'object' } } },
  })
  async search(@ValidQuery(auditQuerySchema) query: AuditQuery, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<AuditEventEntity[] | Bundle<AuditEvent>> {
    res.vary('Accept');
    const rows = await this.trail.search(query);
    const fhir = query.format ? query.format === 'fhir' : req.accepts(['application/json', FHIR_MEDIA_TYPE]) === FHIR_MEDIA_TYPE;
    if (!fhir) return rows;
    res.type(FHIR_JSON);
    return toFhirAuditBundle(rows.map(toAuditRecord));
  }
}

function toAuditRecord(row: AuditEventEntity): AuditEventRecord {
  const { id, occurredAt, actorUserId, actorClientId, actorRole, action, resourceType, resourceId, outcome, errorCode, ip, requestId } = row;
  return { id, occurredAt: occurredAt.toISOString(), actorUserId, actorClientId, actorRole, action, resourceType, resourceId, outcome, errorCode, ip, requestId };
}
