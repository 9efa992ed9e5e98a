import type { Bundle } from '@medplum/fhirtypes';
import { Body, Controller, Header, HttpCode, Post, Req } from '@nestjs/common';
import { Audited } from '../audit/audited.decorator';
import { FhirScope, IntakeLimited, Roles } from '../auth/access.decorators';
import type { KetaRequest } from '../auth/principal';
import { FHIR_JSON } from './fhir-json';
import { ReceiveReferralBundleUseCase } from './receive-referral-bundle.use-case';

/** `POST /fhir/R4` with a transaction Bundle: how an EHR refers a patient. */
@Controller('fhir/R4')
export class FhirTransactionController {
  constructor(private readonly receive: ReceiveReferralBundleUseCase) {}

  @Post()
  @HttpCode(200)
  @Roles('clinician')
  @FhirScope('ServiceRequest', 'c')
  @IntakeLimited()
  @Audited('fhir:Bundle', 'create')
  @Header('Content-Type', FHIR_JSON)
  transaction(@Body() body: unknown, @Req() req: KetaRequest): Promise<Bundle> {
    const source = req.ehrClient ? `client:${req.ehrClient.clientId}` : `user:${req.principal!.userId}`;
    return this.receive.execute(body, source, req.principal?.userId ?? null);
  }
}
