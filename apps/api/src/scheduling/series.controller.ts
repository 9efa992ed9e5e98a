import { cancellationSchema, newSeriesSchema, type Cancellation, type NewSeries } from '@keta/domain';
import { Controller, Get, Headers, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Audited } from '../audit/audited.decorator';
import { Roles } from '../auth/access.decorators';
import type { KetaRequest } from '../auth/principal';
import { tagged, versionFromIfMatch } from '../http/if-match';
import { uuidParam } from '../http/uuid-param.pipe';
import { ValidBody } from '../openapi/valid-input.decorators';
import type { SeriesView } from './appointment-view';
import { CancelSeriesUseCase } from './cancel-series.use-case';
import { PlanSeriesUseCase } from './plan-series.use-case';
import { ScheduleService } from './schedule.service';

/** Infusion series: a clinician plans and cancels them; the front desk sees them with their appointments. */
@Controller()
export class SeriesController {
  constructor(
    private readonly planner: PlanSeriesUseCase,
    private readonly cancellation: CancelSeriesUseCase,
    private readonly schedule: ScheduleService,
  ) {}

  @Post('patients/:patientId/series')
  @Roles('clinician')
  @Audited('series', 'create')
  async plan(
    @Param('patientId', uuidParam('patientId')) patientId: string,
    @ValidBody(newSeriesSchema) body: NewSeries,
    @Req() req: KetaRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SeriesView> {
    return tagged(res, await this.planner.plan(patientId, body, req.principal!));
  }

  @Get('patients/:patientId/series')
  @Roles('clinician', 'front-desk')
  @Audited('series', 'search')
  list(@Param('patientId', uuidParam('patientId')) patientId: string): Promise<SeriesView[]> {
    return this.schedule.patientSeries(patientId);
  }

  @Get('series/:id')
  @Roles('clinician', 'front-desk')
  @Audited('series', 'read')
  async get(@Param('id', uuidParam()) id: string, @Res({ passthrough: true }) res: Response): Promise<SeriesView> {
    return tagged(res, await this.schedule.series(id));
  }

  @Post('series/:id/cancel')
  @HttpCode(200)
  @Roles('clinician')
  @Audited('series', 'update')
  async cancel(
    @Param('id', uuidParam()) id: string,
    @ValidBody(cancellationSchema) body: Cancellation,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SeriesView> {
    return tagged(res, await this.cancellation.cancel(id, body.reason, versionFromIfMatch(ifMatch)));
  }
}
