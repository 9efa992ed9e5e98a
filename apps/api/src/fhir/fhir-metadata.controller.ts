import { Controller, Get, Header, Req } from '@nestjs/common';
import type { CapabilityStatement } from '@medplum/fhirtypes';
import type { Request } from 'express';
import { Public } from '../auth/access.decorators';
import { tokenEndpointUrl } from '../smart/token-endpoint';
import { capabilityStatement } from './capability-statement.builder';
import { fhirBaseUrl } from './fhir-request';
import { FHIR_JSON } from './fhir-json';

@Controller('fhir/R4')
export class FhirMetadataController {
  /** Public, as on every FHIR server: clients read it before they have a token, to learn what to ask. */
  @Get('metadata')
  @Public()
  @Header('Content-Type', FHIR_JSON)
  metadata(@Req() req: Request): CapabilityStatement {
    return capabilityStatement(fhirBaseUrl(req), tokenEndpointUrl(req));
  }
}
