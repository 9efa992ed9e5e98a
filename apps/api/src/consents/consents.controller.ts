import { newConsentSchema, type NewConsent } from '@keta/domain';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Audited } from '../audit/audited.decorator';
import { Roles } from '../auth/access.decorators';
import type { KetaRequest } from '../auth/principal';
import { tagged, versionFromIfMatch } from '../http/if-match';
import { uuidParam } from '../http/uuid-param.pipe';
import type { ConsentView } from './consent-view';
import { ConsentsService } from './consents.service';
import { SignedConsentService } from './signed-consent.service';
import { PdfBody, ValidBody } from '../openapi/valid-input.decorators';

/**
 * Consents signed at the clinic (clinicians, and the front desk, who runs signing sessions). A consent is read
 * in its patient's list, each with its version: a revocation sends it as If-Match (`W/"<version>"`).
 */
@Controller()
export class ConsentsController {
  constructor(
    private readonly consents: ConsentsService,
    private readonly signed: SignedConsentService,
  ) {}

  @Post('patients/:patientId/consents')
  @Roles('clinician', 'front-desk')
  @Audited('consent', 'create')
  async record(
    @Param('patientId', uuidParam('patientId')) patientId: string,
    @ValidBody(newConsentSchema) body: NewConsent,
    @Req() req: KetaRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ConsentView> {
    return tagged(res, await this.consents.record(patientId, body, req.principal!.userId));
  }

  @Get('patients/:patientId/consents')
  @Roles('clinician', 'front-desk')
  @Audited('consent', 'search')
  list(@Param('patientId', uuidParam('patientId')) patientId: string): Promise<ConsentView[]> {
    return this.consents.list(patientId);
  }

  @Post('consents/:id/revoke')
  @HttpCode(200)
  @Roles('clinician', 'front-desk')
  @Audited('consent', 'update')
  async revoke(@Param('id', uuidParam()) id: string, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response): Promise<ConsentView> {
    return tagged(res, await this.consents.revoke(id, versionFromIfMatch(ifMatch)));
  }

  /** The signed form as a PDF body (Content-Type: application/pdf), from the consent's version (If-Match). */
  @Put('consents/:id/document')
  @PdfBody()
  @Roles('clinician', 'front-desk')
  @Audited('signed-consent', 'create')
  async attachDocument(
    @Param('id', uuidParam()) id: string,
    @Headers('content-type') contentType: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: unknown,
    @Req() req: KetaRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ConsentView> {
    return tagged(res, await this.signed.attach(id, contentType ?? '', body, req.principal!.userId, versionFromIfMatch(ifMatch)));
  }
}
