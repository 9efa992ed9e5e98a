import { patientContactChangeSchema, type PatientContactChange } from '@keta/domain';
import { Controller, Get, Headers, Param, Patch, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Audited } from '../audit/audited.decorator';
import { Roles } from '../auth/access.decorators';
import { tagged, versionFromIfMatch } from '../http/if-match';
import { uuidParam } from '../http/uuid-param.pipe';
import type { PatientView } from './patient-view';
import { PatientsService } from './patients.service';
import { ValidBody } from '../openapi/valid-input.decorators';

/** Patients' contact details, which the front desk keeps current (demographics, no clinical notes). */
@Controller('patients')
export class PatientsController {
  constructor(private readonly patients: PatientsService) {}

  /** The patient as a change of contact details is made from: its ETag is what the change sends as If-Match. */
  @Get(':id')
  @Roles('clinician', 'front-desk')
  @Audited('patient', 'read')
  async get(@Param('id', uuidParam()) id: string, @Res({ passthrough: true }) res: Response): Promise<PatientView> {
    return tagged(res, await this.patients.get(id));
  }

  @Patch(':id/contact')
  @Roles('clinician', 'front-desk')
  @Audited('patient', 'update')
  async changeContact(
    @Param('id', uuidParam()) id: string,
    @ValidBody(patientContactChangeSchema) body: PatientContactChange,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PatientView> {
    return tagged(res, await this.patients.changeContact(id, body, versionFromIfMatch(ifMatch)));
  }
}
