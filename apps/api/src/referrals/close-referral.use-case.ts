import { ReferralClosingSummaryEntity, ReferralEntity, SeriesEntity, writeProjection } from '@keta/db';
import type { ClosingSummaryRequest } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditedChange } from '../audit/audited-change.service';
import type { Principal } from '../auth/principal';
import { assertCurrent } from '../http/if-match';
import { closingSummaryOf } from './closing-summary';
import { referralProjection } from './referral-projection';

/**
 * A clinician closes the loop once the referral's series is done: the referral is completed with its closing
 * summary, and its Task (completed, the summary as its output) takes it to the referrer and their EHR.
 */
@Injectable()
export class CloseReferralUseCase {
  constructor(private readonly changes: AuditedChange) {}

  close(id: string, input: ClosingSummaryRequest, expectedVersion: number, clinician: Principal): Promise<void> {
    return this.changes.run(async (tx) => {
      const referral = await tx.getRepository(ReferralEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!referral) throw new DomainError(ErrorCode.NotFound, 'No referral has this id');
      assertCurrent('referral', referral.version, expectedVersion);
      if (referral.status !== 'accepted') throw new DomainError(ErrorCode.BusinessRule, `The referral is ${referral.status}: only an accepted referral whose series is done is closed`);
      const series = await doneSeries(tx, id);
      const now = new Date();
      const summary = await closingSummaryOf(tx, series, input.note ?? null, now);
      await tx.getRepository(ReferralClosingSummaryEntity).insert({ referralId: id, seriesId: series.id, summary, closedBy: clinician.userId, closedAt: now });
      const closed = { status: 'completed' as const, statusReason: null, decidedBy: clinician.userId, decidedAt: now };
      await tx.getRepository(ReferralEntity).update({ id }, closed);
      await writeProjection(tx, await referralProjection(tx, Object.assign(referral, closed)));
    });
  }
}

/** The referral's last completed series, while none is still booked. */
async function doneSeries(tx: EntityManager, referralId: string): Promise<SeriesEntity> {
  const series = tx.getRepository(SeriesEntity);
  if (await series.existsBy({ referralId, status: 'booked' })) {
    throw new DomainError(ErrorCode.BusinessRule, 'The referral\'s series is still booked: the loop closes once its last infusion is done, or the series is cancelled');
  }
  const [done] = await series.find({ where: { referralId, status: 'completed' }, order: { updatedAt: 'DESC' }, take: 1 });
  if (!done) throw new DomainError(ErrorCode.BusinessRule, 'The referral has no completed series: there is nothing to report back yet');
  return done;
}
