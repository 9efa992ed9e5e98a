import { newConsentSchema, type ConsentRecord, type NewConsent } from '@keta/domain';
import { Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { Audited } from '../audit/audited.decorator';
import { Roles } from '../auth/access.decorators';
import type { KetaRequest } from '../auth/principal';
import { uuidParam } from '../http/uuid-param.pipe';
import { ConsentsService } from './consents.service';
import { ValidBody } from '../openapi/valid-input.decorators';

/** Consents signed at the clinic (clinicians, and the front desk, who runs signing sessions). */
@Controller()
export class ConsentsController {
  constructor(private readonly consents: ConsentsService) {}

  @Post('patients/:patientId/consents')
  @Roles('clinician', 'front-desk')
  @Audited('consent', 'create')
  record(@Param('patientId', uuidParam('patientId')) patientId: string, @ValidBody(newConsentSchema) body: NewConsent, @Req() req: KetaRequest): Promise<ConsentRecord> {
    return this.consents.record(patientId, body, req.principal!.userId);
  }

  @Get('patients/:patientId/consents')
  @Roles('clinician', 'front-desk')
  @Audited('consent', 'search')
  list(@Param('patientId', uuidParam('patientId')) patientId: string): Promise<ConsentRecord[]> {
    return this.consents.list(patientId);
  }

  @Post('consents/:id/revoke')
  @HttpCode(200)
  @Roles('clinician', 'front-desk')
  @Audited('consent', 'update')
  revoke(@Param('id', uuidParam()) id: string): Promise<ConsentRecord> {
    return this.consents.revoke(id);
  }
}
