import { patientContactChangeSchema, type PatientContactChange, type PatientRecord } from '@keta/domain';
import { Controller, Param, Patch } from '@nestjs/common';
import { Audited } from '../audit/audited.decorator';
import { Roles } from '../auth/access.decorators';
import { uuidParam } from '../http/uuid-param.pipe';
import { PatientsService } from './patients.service';
import { ValidBody } from '../openapi/valid-input.decorators';

/** Patients' contact details, which the front desk keeps current (demographics, no clinical notes). */
@Controller('patients')
export class PatientsController {
  constructor(private readonly patients: PatientsService) {}

  @Patch(':id/contact')
  @Roles('clinician', 'front-desk')
  @Audited('patient', 'update')
  changeContact(@Param('id', uuidParam()) id: string, @ValidBody(patientContactChangeSchema) body: PatientContactChange): Promise<PatientRecord> {
    return this.patients.changeContact(id, body);
  }
}
