import { Module } from '@nestjs/common';
import { IntakeReferralUseCase } from './intake-referral.use-case';
import { ReferralsController } from './referrals.controller';
import { ReferralsService } from './referrals.service';

@Module({ controllers: [ReferralsController], providers: [IntakeReferralUseCase, ReferralsService], exports: [IntakeReferralUseCase] })
export class ReferralsModule {}
