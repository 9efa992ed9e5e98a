import { feeScheduleSchema, type FeeSchedule } from '@keta/domain';
import { Controller, Get, Put, Req } from '@nestjs/common';
import { Audited } from '../audit/audited.decorator';
import { CLINIC_STAFF, Roles } from '../auth/access.decorators';
import type { KetaRequest } from '../auth/principal';
import { ValidBody } from '../openapi/valid-input.decorators';
import { FeeScheduleService } from './fee-schedule.service';

/** The clinic's prices by CPT/HCPCS code, part of its settings: the superbill prices its lines from them. */
@Controller('clinic-settings/fee-schedule')
export class FeeScheduleController {
  constructor(private readonly schedule: FeeScheduleService) {}

  @Get()
  @Roles(...CLINIC_STAFF)
  get(): Promise<FeeSchedule> {
    return this.schedule.get();
  }

  @Put()
  @Roles('admin')
  @Audited('fee-schedule', 'update')
  set(@ValidBody(feeScheduleSchema) body: FeeSchedule, @Req() req: KetaRequest): Promise<FeeSchedule> {
    return this.schedule.set(body, req.principal!.userId);
  }
}
