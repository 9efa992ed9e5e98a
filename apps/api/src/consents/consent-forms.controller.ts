import { consentFormQuerySchema, newConsentFormSchema, type ConsentFormQuery, type ConsentFormRecord, type NewConsentForm } from '@keta/domain';
import { Controller, Get, Param, Post, Req } from '@nestjs/common';
import { Audited } from '../audit/audited.decorator';
import { Roles } from '../auth/access.decorators';
import type { KetaRequest } from '../auth/principal';
import { uuidParam } from '../http/uuid-param.pipe';
import { ValidBody, ValidQuery } from '../openapi/valid-input.decorators';
import { ConsentFormsService } from './consent-forms.service';

/** Consent forms: admins publish them, staff read them out at signing sessions. */
@Controller('consent-forms')
export class ConsentFormsController {
  constructor(private readonly forms: ConsentFormsService) {}

  @Post()
  @Roles('admin')
  @Audited('consent-form', 'create')
  publish(@ValidBody(newConsentFormSchema) body: NewConsentForm, @Req() req: KetaRequest): Promise<ConsentFormRecord> {
    return this.forms.publish(body, req.principal!.userId);
  }

  @Get()
  @Roles('admin', 'clinician', 'front-desk')
  @Audited('consent-form', 'search')
  list(@ValidQuery(consentFormQuerySchema) query: ConsentFormQuery): Promise<ConsentFormRecord[]> {
    return this.forms.list(query);
  }

  @Get(':id')
  @Roles('admin', 'clinician', 'front-desk')
  @Audited('consent-form', 'read')
  get(@Param('id', uuidParam()) id: string): Promise<ConsentFormRecord> {
    return this.forms.get(id);
  }
}
