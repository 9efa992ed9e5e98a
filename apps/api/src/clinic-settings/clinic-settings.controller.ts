import type { Policy } from '@keta/clinical-rules';
import { clinicSettingsSchema, type ClinicSettings } from '@keta/domain';
import { Controller, Get, Put, Req } from '@nestjs/common';
import { Audited } from '../audit/audited.decorator';
import { CLINIC_STAFF, Roles } from '../auth/access.decorators';
import type { KetaRequest } from '../auth/principal';
import { ClinicSettingsService } from './clinic-settings.service';
import { ValidBody } from '../openapi/valid-input.decorators';

@Controller('clinic-settings')
export class ClinicSettingsController {
  constructor(private readonly settings: ClinicSettingsService) {}

  @Get()
  @Roles(...CLINIC_STAFF)
  get(): Promise<ClinicSettings> {
    return this.settings.get();
  }

  /** The policy the rules run under: the preset with the clinic's adjustments, each value with its source. */
  @Get('policy')
  @Roles('admin', 'clinician')
  policy(): Promise<Policy> {
    return this.settings.policy();
  }

  @Put()
  @Roles('admin')
  @Audited('clinic-settings', 'update')
  set(@ValidBody(clinicSettingsSchema) body: ClinicSettings, @Req() req: KetaRequest): Promise<ClinicSettings> {
    return this.settings.set(body, req.principal!.userId);
  }
}
