import { referralIntakeSchema, type ReferralIntake } from '@keta/domain';
import { Body, Controller, Get, Headers, Param, Post, Put, Req, StreamableFile } from '@nestjs/common';
import { Audited } from '../audit/audited.decorator';
import { Roles } from '../auth/access.decorators';
import type { KetaRequest } from '../auth/principal';
import { uuidParam } from '../http/uuid-param.pipe';
import { ZodPipe } from '../http/zod.pipe';
import { IntakeReferralUseCase } from './intake-referral.use-case';
import { ReferralLetterService } from './referral-letter.service';
import type { ReferralView } from './referral-view';
import { ReferralsService } from './referrals.service';

@Controller('referrals')
export class ReferralsController {
  constructor(
    private readonly intake: IntakeReferralUseCase,
    private readonly referrals: ReferralsService,
    private readonly letters: ReferralLetterService,
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

  /** The referral letter as a PDF body (Content-Type: application/pdf). */
  @Put(':id/letter')
  @Roles('referrer', 'clinician', 'front-desk')
  @Audited('referral-letter', 'create')
  attachLetter(
    @Param('id', uuidParam()) id: string,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
    @Req() req: KetaRequest,
  ): Promise<{ id: string; sha256: string }> {
    return this.letters.attach(id, contentType ?? '', body, req.principal!);
  }

  @Get(':id/letter')
  @Roles('clinician', 'referrer')
  @Audited('referral-letter', 'read')
  async letter(@Param('id', uuidParam()) id: string, @Req() req: KetaRequest): Promise<StreamableFile> {
    const document = await this.letters.latest(id, req.principal!);
    return new StreamableFile(document.bytes, { type: document.contentType, disposition: 'attachment; filename="referral-letter.pdf"' });
  }
}
