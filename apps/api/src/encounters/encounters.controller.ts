import {
  adverseEffectInputSchema, checkInSchema, dischargeSchema, infusionEndSchema, infusionStartSchema, notInfusedSchema, rateChangeSchema, vitalsReadingSchema,
  type AdverseEffectInput, type CheckIn, type DischargeRequest, type InfusionEnd, type InfusionStart, type NotInfused, type RateChangeInput, type VitalsReading,
} from '@keta/domain';
import { Controller, Get, Headers, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Audited } from '../audit/audited.decorator';
import { Roles } from '../auth/access.decorators';
import type { KetaRequest } from '../auth/principal';
import { tagged, versionFromIfMatch } from '../http/if-match';
import { uuidParam } from '../http/uuid-param.pipe';
import { ValidBody } from '../openapi/valid-input.decorators';
import { CheckInUseCase, type CheckedIn } from './check-in.use-case';
import { DischargeUseCase, NotInfusedUseCase, type Discharged } from './discharge.use-case';
import type { EncounterView } from './encounter-view';
import { EncountersService } from './encounters.service';
import { InfusionUseCase } from './infusion.use-case';
import { MonitoringUseCase, type Recorded } from './monitoring.use-case';

/**
 * The infusion day: check-in at the day-of gate, the infusion, monitoring and discharge. Every step that
 * moves the encounter on names the version it was made from (If-Match); readings and effects are added.
 */
@Controller()
export class EncountersController {
  constructor(
    private readonly checkIns: CheckInUseCase,
    private readonly infusions: InfusionUseCase,
    private readonly monitoring: MonitoringUseCase,
    private readonly discharges: DischargeUseCase,
    private readonly notInfused: NotInfusedUseCase,
    private readonly encounters: EncountersService,
  ) {}

  /** A clinician gets the whole encounter; the front desk what it needs (CheckedIn). */
  @Post('appointments/:id/check-in')
  @Roles('clinician', 'front-desk')
  @Audited('infusion-encounter', 'create')
  async checkIn(
    @Param('id', uuidParam()) appointmentId: string, @ValidBody(checkInSchema) body: CheckIn,
    @Req() req: KetaRequest, @Res({ passthrough: true }) res: Response,
  ): Promise<EncounterView | CheckedIn> {
    return tagged(res, await this.checkIns.execute(appointmentId, body, req.principal!));
  }

  @Get('encounters/:id')
  @Roles('clinician')
  @Audited('infusion-encounter', 'read')
  async get(@Param('id', uuidParam()) id: string, @Res({ passthrough: true }) res: Response): Promise<EncounterView> {
    return tagged(res, await this.encounters.get(id));
  }

  @Get('patients/:patientId/encounters')
  @Roles('clinician')
  @Audited('infusion-encounter', 'search')
  ofPatient(@Param('patientId', uuidParam('patientId')) patientId: string): Promise<EncounterView[]> {
    return this.encounters.ofPatient(patientId);
  }

  @Post('encounters/:id/infusion')
  @HttpCode(200)
  @Roles('clinician')
  @Audited('infusion-encounter', 'update')
  async start(
    @Param('id', uuidParam()) id: string, @ValidBody(infusionStartSchema) body: InfusionStart,
    @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response,
  ): Promise<EncounterView> {
    return tagged(res, await this.infusions.start(id, body, versionFromIfMatch(ifMatch)));
  }

  @Post('encounters/:id/infusion/rate')
  @HttpCode(200)
  @Roles('clinician')
  @Audited('infusion-encounter', 'update')
  async changeRate(
    @Param('id', uuidParam()) id: string, @ValidBody(rateChangeSchema) body: RateChangeInput,
    @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response,
  ): Promise<EncounterView> {
    return tagged(res, await this.infusions.changeRate(id, body, versionFromIfMatch(ifMatch)));
  }

  @Post('encounters/:id/infusion/end')
  @HttpCode(200)
  @Roles('clinician')
  @Audited('infusion-encounter', 'update')
  async end(
    @Param('id', uuidParam()) id: string, @ValidBody(infusionEndSchema) body: InfusionEnd,
    @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response,
  ): Promise<EncounterView> {
    return tagged(res, await this.infusions.end(id, body, versionFromIfMatch(ifMatch)));
  }

  @Post('encounters/:id/not-infused')
  @HttpCode(200)
  @Roles('clinician')
  @Audited('infusion-encounter', 'update')
  async sendHome(
    @Param('id', uuidParam()) id: string, @ValidBody(notInfusedSchema) body: NotInfused,
    @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response,
  ): Promise<EncounterView> {
    return tagged(res, await this.notInfused.execute(id, body.reason, versionFromIfMatch(ifMatch)));
  }

  @Post('encounters/:id/vitals')
  @Roles('clinician')
  @Audited('infusion-encounter', 'update')
  vitals(@Param('id', uuidParam()) id: string, @ValidBody(vitalsReadingSchema) body: VitalsReading): Promise<Recorded> {
    return this.monitoring.vitals(id, body);
  }

  @Post('encounters/:id/adverse-effects')
  @Roles('clinician')
  @Audited('infusion-encounter', 'update')
  adverseEffect(@Param('id', uuidParam()) id: string, @ValidBody(adverseEffectInputSchema) body: AdverseEffectInput, @Req() req: KetaRequest): Promise<Recorded> {
    return this.monitoring.adverseEffect(id, body, req.principal!.userId);
  }

  @Post('encounters/:id/discharge')
  @HttpCode(200)
  @Roles('clinician')
  @Audited('infusion-encounter', 'update')
  async discharge(
    @Param('id', uuidParam()) id: string, @ValidBody(dischargeSchema) body: DischargeRequest,
    @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response,
  ): Promise<Discharged> {
    const discharged = await this.discharges.execute(id, body, versionFromIfMatch(ifMatch));
    tagged(res, discharged.encounter);
    return discharged;
  }
}
