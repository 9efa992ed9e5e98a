import {
  closingSummaryRequestSchema, informationRequestSchema, referralAnswerSchema, referralDecisionSchema, referralIntakeSchema, referralQuerySchema,
  type ClosingSummaryRequest, type InformationRequest, type ReferralAnswer, type ReferralDecisionInput, type ReferralIntake, type ReferralQuery,
} from '@keta/domain';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Req, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { Audited } from '../audit/audited.decorator';
import { IntakeLimited, Roles } from '../auth/access.decorators';
import type { KetaRequest } from '../auth/principal';
import { tagged, versionFromIfMatch } from '../http/if-match';
import { uuidParam } from '../http/uuid-param.pipe';
import { AnswerReferralUseCase } from './answer-referral.use-case';
import { CloseReferralUseCase } from './close-referral.use-case';
import { IntakeReferralUseCase } from './intake-referral.use-case';
import { ReferralLetterService } from './referral-letter.service';
import type { ReferralSummary, ReferralView } from './referral-view';
import { ReferralsService } from './referrals.service';
import { ReviewReferralUseCase } from './review-referral.use-case';
import { PdfBody, ValidBody, ValidQuery } from '../openapi/valid-input.decorators';

@Controller('referrals')
export class ReferralsController {
  constructor(
    private readonly intake: IntakeReferralUseCase,
    private readonly referrals: ReferralsService,
    private readonly letters: ReferralLetterService,
    private readonly review: ReviewReferralUseCase,
    private readonly answers: AnswerReferralUseCase,
    private readonly closing: CloseReferralUseCase,
  ) {}

  @Get()
  @Roles('clinician', 'referrer')
  @Audited('referral', 'search')
  list(@ValidQuery(referralQuerySchema) query: ReferralQuery, @Req() req: KetaRequest): Promise<ReferralSummary[]> {
    return this.referrals.list(query, req.principal!);
  }

  @Post()
  @Roles('referrer', 'clinician', 'front-desk')
  @IntakeLimited()
  @Audited('referral', 'create')
  create(@ValidBody(referralIntakeSchema) body: ReferralIntake, @Req() req: KetaRequest): Promise<{ id: string }> {
    return this.intake.execute(body, req.principal!.userId);
  }

  @Get(':id')
  @Roles('clinician', 'referrer')
  @Audited('referral', 'read')
  get(@Param('id', uuidParam()) id: string, @Req() req: KetaRequest, @Res({ passthrough: true }) res: Response): Promise<ReferralView> {
    return this.viewed(id, req, res);
  }

  /** Asks the referrer for what the referral lacks: the referral is on hold with the question until answered. */
  @Post(':id/information-requests')
  @HttpCode(200)
  @Roles('clinician')
  @Audited('referral', 'update')
  async requestInformation(
    @Param('id', uuidParam()) id: string,
    @ValidBody(informationRequestSchema) body: InformationRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() req: KetaRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ReferralView> {
    await this.review.requestInformation(id, body.question, versionFromIfMatch(ifMatch), req.principal!);
    return this.viewed(id, req, res);
  }

  /** Accepts (only what screening finds eligible and complete) or declines with a reason. */
  @Post(':id/decision')
  @HttpCode(200)
  @Roles('clinician')
  @Audited('referral', 'update')
  async decide(
    @Param('id', uuidParam()) id: string,
    @ValidBody(referralDecisionSchema) body: ReferralDecisionInput,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() req: KetaRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ReferralView> {
    await this.review.decide(id, body, versionFromIfMatch(ifMatch), req.principal!);
    return this.viewed(id, req, res);
  }

  /** The referrer answers the clinic's request for information; the referral goes back to the clinician. */
  @Post(':id/answers')
  @HttpCode(200)
  @Roles('referrer')
  @IntakeLimited()
  @Audited('referral', 'update')
  async answer(
    @Param('id', uuidParam()) id: string,
    @ValidBody(referralAnswerSchema) body: ReferralAnswer,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() req: KetaRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ReferralView> {
    await this.answers.answer(id, body.answer, versionFromIfMatch(ifMatch), req.principal!);
    return this.viewed(id, req, res);
  }

  /** Closes the loop once the referral's series is done: completed, with the summary its referrer reads. */
  @Post(':id/closing-summary')
  @HttpCode(200)
  @Roles('clinician')
  @Audited('referral', 'update')
  async close(
    @Param('id', uuidParam()) id: string,
    @ValidBody(closingSummaryRequestSchema) body: ClosingSummaryRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() req: KetaRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ReferralView> {
    await this.closing.close(id, body, versionFromIfMatch(ifMatch), req.principal!);
    return this.viewed(id, req, res);
  }

  private async viewed(id: string, req: KetaRequest, res: Response): Promise<ReferralView> {
    return tagged(res, await this.referrals.get(id, req.principal!));
  }

  /** The referral letter as a PDF body (Content-Type: application/pdf). */
  @Put(':id/letter')
  @PdfBody()
  @Roles('referrer', 'clinician', 'front-desk')
  @IntakeLimited()
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
