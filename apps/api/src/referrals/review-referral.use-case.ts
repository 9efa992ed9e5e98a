import { ReferralEntity, ReferralMessageEntity, writeProjection } from '@keta/db';
import type { ReferralDecisionInput, ReferralStatus } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { assertCurrent } from '../http/if-match';
import { cancelTreatmentOfReferral } from '../scheduling/cancel-series.use-case';
import { referralProjection } from './referral-projection';
import { ScreenReferralUseCase } from './screen-referral.use-case';
import { AuditedChange } from '../audit/audited-change.service';

/** A referral the clinic has finished with takes no more decisions. */
const CLOSED: ReadonlySet<ReferralStatus> = new Set(['cancelled', 'completed']);

interface Change {
  status: ReferralStatus;
  statusReason: string | null;
}

/**
 * A clinician's review of a referral: ask the referrer for information, accept, or decline with a reason. Each
 * is made from the version the clinician read (If-Match) and commits with the referral's new Task and
 * ServiceRequest and their outbox rows, so the referrer's and the clinic's EHRs hear of it.
 */
@Injectable()
export class ReviewReferralUseCase {
  constructor(
    private readonly changes: AuditedChange,
    private readonly screening: ScreenReferralUseCase,
  ) {}

  /** The question is kept with the referral's correspondence, and is the Task's statusReason until answered. */
  requestInformation(id: string, question: string, expectedVersion: number, clinician: Principal): Promise<void> {
    return this.change(id, expectedVersion, clinician, async (tx) => {
      await tx.getRepository(ReferralMessageEntity).insert({ referralId: id, kind: 'question', text: question, authorId: clinician.userId });
      return { status: 'needs-information', statusReason: question };
    });
  }

  decide(id: string, input: ReferralDecisionInput, expectedVersion: number, clinician: Principal): Promise<void> {
    if (input.decision === 'decline') return this.change(id, expectedVersion, clinician, async () => ({ status: 'declined', statusReason: input.reason }));
    return this.change(id, expectedVersion, clinician, (tx) => this.acceptable(tx, id));
  }

  /**
   * Accepting is for what screening, run again now on everything Keta holds, finds eligible and complete: a
   * clinician never accepts past an exclusion or a missing letter by mistake.
   */
  private async acceptable(tx: EntityManager, id: string): Promise<Change> {
    const screening = await this.screening.screenIn(tx, id);
    if (!screening) throw new DomainError(ErrorCode.BusinessRule, 'The clinic has no screening policy yet: an admin sets it in the clinic settings before referrals can be accepted');
    if (screening.decision !== 'accepted') {
      throw new DomainError(ErrorCode.BusinessRule, `Screening does not find this referral acceptable (${screening.decision}): ${screening.reason ?? ''}`.trim());
    }
    return { status: 'accepted', statusReason: null };
  }

  private async change(id: string, expectedVersion: number, clinician: Principal, decide: (tx: EntityManager) => Promise<Change>): Promise<void> {
    await this.changes.run(async (tx) => {
      const referrals = tx.getRepository(ReferralEntity);
      const referral = await referrals.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!referral) throw new DomainError(ErrorCode.NotFound, 'No referral has this id');
      assertCurrent('referral', referral.version, expectedVersion);
      if (CLOSED.has(referral.status)) throw new DomainError(ErrorCode.BusinessRule, `The referral is ${referral.status}: it takes no more decisions`);
      // The decision goes over what screening (on accept) may have written; each update bumps the version.
      const decided = { ...(await decide(tx)), decidedBy: clinician.userId, decidedAt: new Date() };
      await referrals.update({ id }, decided);
      if (decided.status === 'declined') await cancelTreatmentOfReferral(tx, id, decided.statusReason ?? 'declined');
      await writeProjection(tx, await referralProjection(tx, Object.assign(referral, decided)));
    });
  }
}
