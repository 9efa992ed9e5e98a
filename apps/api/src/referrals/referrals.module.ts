import { Module } from '@nestjs/common';
import { IntakeReferralUseCase } from './intake-referral.use-case';
import { PatientFactsRecorder } from './patient-facts.recorder';
import { ScreenReferralUseCase } from './screen-referral.use-case';
import { ReferralsController } from './referrals.controller';
import { ReferralLetterService } from './referral-letter.service';
import { ReferralsService } from './referrals.service';
import { DocumentStore } from '../documents/document-store.service';

@Module({ controllers: [ReferralsController], providers: [IntakeReferralUseCase, ScreenReferralUseCase, PatientFactsRecorder, ReferralsService, ReferralLetterService, DocumentStore], exports: [IntakeReferralUseCase, PatientFactsRecorder, DocumentStore] })
export class ReferralsModule {}
