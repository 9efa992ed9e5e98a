import { Controller, Get, Header, Param, Req, Res, type Type } from '@nestjs/common';
import type { Role } from '@keta/domain';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { Request, Response } from 'express';
import { Audited } from '../audit/audited.decorator';
import { FhirScope, Roles } from '../auth/access.decorators';
import { requireExactTypePath } from './fhir-request';
import { bundleOf } from './fhir-search';
import { FHIR_JSON } from './fhir-json';
import { ProjectionReader } from './projection-reader.service';
import { FHIR_TYPES, type FhirType } from './supported-resources';

/** Staff reach /fhir/R4 within their role: clinicians every record, the front desk the patient's demographics. */
const STAFF_BY_TYPE: Partial<Record<FhirType, Role[]>> = { Patient: ['clinician', 'front-desk'] };

/**
 * One controller per supported type rather than one `:type` route: @Audited and the guard's denial record
 * read their resource type from the route's metadata, so each type needs routes of its own for the trail
 * to say `fhir:Patient` rather than `fhir`; so does @FhirScope, the SMART system scope an EHR client needs.
 * An unsupported type is then no route: a 404 OperationOutcome.
 */
function fhirResourceController(type: FhirType): Type<unknown> {
  @Controller(`fhir/R4/${type}`)
  @Roles(...(STAFF_BY_TYPE[type] ?? ['clinician']))
  class FhirResourceController {
    constructor(private readonly projection: ProjectionReader) {}

    @Get()
    @FhirScope(type, 's')
    @Audited(`fhir:${type}`, 'search')
    @Header('Content-Type', FHIR_JSON)
    search(@Req() req: Request): Promise<Bundle> {
      requireExactTypePath(req, type);
      return bundleOf(this.projection, type, req);
    }

    @Get(':id')
    @FhirScope(type, 'r')
    @Audited(`fhir:${type}`, 'read')
    @Header('Content-Type', FHIR_JSON)
    async read(@Param('id') id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<Resource> {
      requireExactTypePath(req, type);
      const stored = await this.projection.read(type, id);
      res.setHeader('ETag', `W/"${stored.version}"`);
      res.setHeader('Last-Modified', stored.lastUpdated.toUTCString());
      return stored.resource;
    }
  }
  Object.defineProperty(FhirResourceController, 'name', { value: `Fhir${type}Controller` });
  return FhirResourceController;
}

export const FHIR_RESOURCE_CONTROLLERS = FHIR_TYPES.map(fhirResourceController);
