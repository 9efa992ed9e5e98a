import type { Policy } from '@keta/clinical-rules';
import { clinicSettingsSchema, type ClinicSettings } from '@keta/domain';
import { Controller, Get, Headers, Put, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Audited } from '../audit/audited.decorator';
import { CLINIC_STAFF, Roles } from '../auth/access.decorators';
import type { KetaRequest } from '../auth/principal';
import { taggedBody, versionFromOptionalIfMatch } from '../http/if-match';
import { ClinicSettingsService } from './clinic-settings.service';
import { ValidBody } from '../openapi/valid-input.decorators';

@Controller('clinic-settings')
export class ClinicSettingsController {
  constructor(private readonly settings: ClinicSettingsService) {}

  /** The settings, with their ETag: a change of them sends it as If-Match. */
  @Get()
  @Roles(...CLINIC_STAFF)
  async get(@Res({ passthrough: true }) res: Response): Promise<ClinicSettings> {
    return taggedBody(res, await this.settings.get());
  }

  /** The policy the rules run under: the preset with the clinic's adjustments, each value with its source. */
  @Get('policy')
  @Roles('admin', 'clinician')
  policy(): Promise<Policy> {
    return this.settings.policy();
  }

  /** The first settings come without If-Match (there is no version yet); every change after names the one it was made from. */
  @Put()
  @Roles('admin')
  @Audited('clinic-settings', 'update')
  async set(
    @ValidBody(clinicSettingsSchema) body: ClinicSettings,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() req: KetaRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ClinicSettings> {
    return taggedBody(res, await this.settings.set(body, req.principal!.userId, versionFromOptionalIfMatch(ifMatch)));
  }
}
