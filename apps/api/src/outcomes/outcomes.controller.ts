import { newQuestionnaireResponseSchema, type NewQuestionnaireResponse } from '@keta/domain';
import { Controller, Get, Param, Post, Req } from '@nestjs/common';
import { Audited } from '../audit/audited.decorator';
import { Roles } from '../auth/access.decorators';
import type { KetaRequest } from '../auth/principal';
import { uuidParam } from '../http/uuid-param.pipe';
import { ValidBody } from '../openapi/valid-input.decorators';
import type { PatientOutcomes, QuestionnaireView, ResponseRate } from './outcome-views';
import { PatientOutcomesService } from './patient-outcomes.service';
import { RecordQuestionnaireUseCase } from './record-questionnaire.use-case';
import { ResponseRateService } from './response-rate.service';

/** PHQ-9 and GAD-7 submissions, a patient's outcomes, and the clinic's response rate. */
@Controller()
export class OutcomesController {
  constructor(
    private readonly questionnaires: RecordQuestionnaireUseCase,
    private readonly outcomes: PatientOutcomesService,
    private readonly responseRate: ResponseRateService,
  ) {}

  @Post('patients/:patientId/questionnaires')
  @Roles('clinician')
  @Audited('questionnaire-response', 'create')
  record(
    @Param('patientId', uuidParam('patientId')) patientId: string,
    @ValidBody(newQuestionnaireResponseSchema) body: NewQuestionnaireResponse,
    @Req() req: KetaRequest,
  ): Promise<QuestionnaireView> {
    return this.questionnaires.record(patientId, body, req.principal!.userId);
  }

  @Get('patients/:patientId/outcomes')
  @Roles('clinician')
  @Audited('patient-outcomes', 'read')
  forPatient(@Param('patientId', uuidParam('patientId')) patientId: string): Promise<PatientOutcomes> {
    return this.outcomes.forPatient(patientId);
  }

  @Get('outcomes/response-rate')
  @Roles('clinician', 'admin')
  @Audited('clinic-response-rate', 'read')
  clinicResponseRate(): Promise<ResponseRate> {
    return this.responseRate.clinicRate();
  }
}
