import { referralIntakeSchema, type ReferralIntake } from '@keta/domain';
import { Body, Controller, Get, Param, Post, Req } from '@nestjs/common';
import { Audited } from '../audit/audited.decorator';
import { Roles } from '../auth/access.decorators';
import type { KetaRequest } from '../auth/principal';
import { uuidParam } from '../http/uuid-param.pipe';
import { ZodPipe } from '../http/zod.pipe';
import { IntakeReferralUseCase } from './intake-referral.use-case';
import type { ReferralView } from './referral-view';
import { ReferralsService } from './referrals.service';

@Controller('referrals')
export class ReferralsController {
  constructor(
    private readonly intake: IntakeReferralUseCase,
    private readonly referrals: ReferralsService,
  ) {}

  @Post()
  @Roles('referrer', 'clinician', 'front-desk')
  @Audited('referral', 'create')
  create(@Body(new ZodPipe(referralIntakeSchema)) body: ReferralIntake, @Req() req: KetaRequest): Promise<{ id: string }> {
    return this.intake.execute(body, req.principal!.userId);
  }

  @Get(':id')
  @Roles('clinician', 'referrer')
  @Audited('referral', 'read')
  get(@Param('id', uuidParam()) id: string, @Req() req: KetaRequest): Promise<ReferralView> {
    return this.referrals.get(id, req.principal!);
  }
}
