import { Module } from '@nestjs/common';
import { IntakeReferralUseCase } from './intake-referral.use-case';
import { PatientFactsRecorder } from './patient-facts.recorder';
import { ScreenReferralUseCase } from './screen-referral.use-case';
import { ReferralsController } from './referrals.controller';
import { ReferralLetterService } from './referral-letter.service';
import { ReferralsService } from './referrals.service';
import { DocumentStore } from '../documents/document-store.service';
import { ReviewReferralUseCase } from './review-referral.use-case';
import { AnswerReferralUseCase } from './answer-referral.use-case';
import { CloseReferralUseCase } from './close-referral.use-case';

@Module({ controllers: [ReferralsController], providers: [IntakeReferralUseCase, ScreenReferralUseCase, ReviewReferralUseCase, AnswerReferralUseCase, CloseReferralUseCase, PatientFactsRecorder, ReferralsService, ReferralLetterService, DocumentStore], exports: [IntakeReferralUseCase, ScreenReferralUseCase, PatientFactsRecorder, DocumentStore] })
export class ReferralsModule {}
