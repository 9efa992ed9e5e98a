import { homeMedicationChangeSchema, newHomeMedicationSchema, type HomeMedicationChange, type NewHomeMedication } from '@keta/domain';
import { Controller, Get, Headers, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Audited } from '../audit/audited.decorator';
import { Roles } from '../auth/access.decorators';
import { tagged, versionFromIfMatch } from '../http/if-match';
import { uuidParam } from '../http/uuid-param.pipe';
import { ValidBody } from '../openapi/valid-input.decorators';
import type { MedicationList, MedicationView } from './medication-view';
import { PatientMedicationsUseCase } from './patient-medications.use-case';

/** A patient's current medications, with the clinic policy's interaction advice and hold instructions. */
@Controller('patients/:patientId/medications')
export class PatientMedicationsController {
  constructor(private readonly medications: PatientMedicationsUseCase) {}

  @Get()
  @Roles('clinician')
  @Audited('home-medication', 'search')
  list(@Param('patientId', uuidParam('patientId')) patientId: string): Promise<MedicationList> {
    return this.medications.list(patientId);
  }

  @Post()
  @Roles('clinician')
  @Audited('home-medication', 'create')
  async add(
    @Param('patientId', uuidParam('patientId')) patientId: string,
    @ValidBody(newHomeMedicationSchema) body: NewHomeMedication,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MedicationView> {
    return tagged(res, await this.medications.add(patientId, body));
  }

  @Patch(':id')
  @Roles('clinician')
  @Audited('home-medication', 'update')
  async correct(
    @Param('patientId', uuidParam('patientId')) patientId: string,
    @Param('id', uuidParam()) id: string,
    @ValidBody(homeMedicationChangeSchema) body: HomeMedicationChange,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MedicationView> {
    return tagged(res, await this.medications.correct(patientId, id, body, versionFromIfMatch(ifMatch)));
  }

  @Post(':id/stop')
  @HttpCode(200)
  @Roles('clinician')
  @Audited('home-medication', 'update')
  async stop(
    @Param('patientId', uuidParam('patientId')) patientId: string,
    @Param('id', uuidParam()) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MedicationView> {
    return tagged(res, await this.medications.stop(patientId, id, versionFromIfMatch(ifMatch)));
  }
}
