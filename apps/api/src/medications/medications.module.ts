import { Module } from '@nestjs/common';
import { ReferralsModule } from '../referrals/referrals.module';
import { PatientMedicationsController } from './patient-medications.controller';
import { PatientMedicationsUseCase } from './patient-medications.use-case';

@Module({ imports: [ReferralsModule], controllers: [PatientMedicationsController], providers: [PatientMedicationsUseCase] })
export class MedicationsModule {}
