import { Module } from '@nestjs/common';
import { OutcomesController } from './outcomes.controller';
import { PatientOutcomesService } from './patient-outcomes.service';
import { RecordQuestionnaireUseCase } from './record-questionnaire.use-case';
import { ResponseRateService } from './response-rate.service';

@Module({ controllers: [OutcomesController], providers: [RecordQuestionnaireUseCase, PatientOutcomesService, ResponseRateService] })
export class OutcomesModule {}
