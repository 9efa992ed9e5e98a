import { ReferralEntity, ReferralMessageEntity } from '@keta/db';
import { DomainError, ErrorCode } from '@keta/errors';
import { Injectable } from '@nestjs/common';
import { AuditedChange } from '../audit/audited-change.service';
import type { Principal } from '../auth/principal';
import { assertCurrent } from '../http/if-match';
import { readableReferral } from './readable-referral';
import { ScreenReferralUseCase } from './screen-referral.use-case';

/**
 * The referrer answers the clinic's request for information: the answer joins the referral's correspondence
 * and the referral is received again, for a clinician to review; screening runs again but, once a clinician
 * has decided, does not move it (an answer may say why it should not be accepted).
 */
@Injectable()
export class AnswerReferralUseCase {
  constructor(
    private readonly changes: AuditedChange,
    private readonly screening: ScreenReferralUseCase,
  ) {}

  answer(id: string, answer: string, expectedVersion: number, referrer: Principal): Promise<void> {
    return this.changes.run(async (tx) => {
      await readableReferral(tx, id, referrer);
      const referral = await tx.getRepository(ReferralEntity).findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
      assertCurrent('referral', referral.version, expectedVersion);
      if (referral.status !== 'needs-information') throw new DomainError(ErrorCode.BusinessRule, `The referral is ${referral.status}: the clinic is not waiting for an answer`);
      await tx.getRepository(ReferralMessageEntity).insert({ referralId: id, kind: 'answer', text: answer, authorId: referrer.userId });
      await tx.getRepository(ReferralEntity).update({ id }, { status: 'received', statusReason: null });
      await this.screening.screenIn(tx, id);
    });
  }
}
