import { feeScheduleSchema, type FeeSchedule } from '@keta/domain';
import { Controller, Get, Headers, Put, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Audited } from '../audit/audited.decorator';
import { CLINIC_STAFF, Roles } from '../auth/access.decorators';
import type { KetaRequest } from '../auth/principal';
import { taggedBody, versionFromOptionalIfMatch } from '../http/if-match';
import { ValidBody } from '../openapi/valid-input.decorators';
import { FeeScheduleService } from './fee-schedule.service';

/** The clinic's prices by CPT/HCPCS code, part of its settings: the superbill prices its lines from them. */
@Controller('clinic-settings/fee-schedule')
export class FeeScheduleController {
  constructor(private readonly schedule: FeeScheduleService) {}

  /** The schedule, with its ETag: a change of it sends it as If-Match. */
  @Get()
  @Roles(...CLINIC_STAFF)
  async get(@Res({ passthrough: true }) res: Response): Promise<FeeSchedule> {
    return taggedBody(res, await this.schedule.get());
  }

  /** The first schedule comes without If-Match (there is no version yet); every change after names the one it was made from. */
  @Put()
  @Roles('admin')
  @Audited('fee-schedule', 'update')
  async set(
    @ValidBody(feeScheduleSchema) body: FeeSchedule,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() req: KetaRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<FeeSchedule> {
    return taggedBody(res, await this.schedule.set(body, req.principal!.userId, versionFromOptionalIfMatch(ifMatch)));
  }
}
