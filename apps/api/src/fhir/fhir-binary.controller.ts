import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { Binary } from '@medplum/fhirtypes';
import type { Request, Response } from 'express';
import { Audited } from '../audit/audited.decorator';
import { FhirScope, Roles } from '../auth/access.decorators';
import { DocumentStore } from '../documents/document-store.service';
import { uuidParam } from '../http/uuid-param.pipe';
import { FHIR_JSON } from './fhir-json';
import { requireExactTypePath } from './fhir-request';

/**
 * The documents a DocumentReference's attachment points at (`Binary/<id>`): the PDF itself, or a FHIR
 * Binary with the bytes in base64 when the client asks for FHIR JSON. Decrypted only here, audited.
 */
@Controller('fhir/R4/Binary')
@Roles('clinician')
export class FhirBinaryController {
  constructor(private readonly documents: DocumentStore) {}

  @Get(':id')
  @FhirScope('Binary', 'r')
  @Audited('fhir:Binary', 'read')
  async read(@Param('id', uuidParam()) id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    requireExactTypePath(req, 'Binary');
    const document = await this.documents.read(id);
    if (req.accepts(['application/pdf', FHIR_JSON, 'application/json']) === 'application/pdf') {
      res.type(document.contentType).send(document.bytes);
      return;
    }
    const binary: Binary = { resourceType: 'Binary', id, contentType: document.contentType, data: document.bytes.toString('base64') };
    res.type(FHIR_JSON).send(JSON.stringify(binary));
  }
}
