import { ReferralEntity } from '@keta/db';
import { findIndication } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import type { EntityManager } from 'typeorm';

/**
 * A pain patient's score (0-10) is asked on arrival and at discharge: the visit's pain outcome and the pain
 * trend are made of them, so a visit without them is refused, naming the field.
 */
export async function assertPainScored(tx: EntityManager, referralId: string | null, painScore: number | undefined, when: 'on arrival' | 'at discharge'): Promise<void> {
  if (painScore !== undefined || !referralId) return;
  const referral = await tx.getRepository(ReferralEntity).findOneBy({ id: referralId });
  if (referral && findIndication(referral.indicationSystem, referral.indicationCode)?.group === 'chronic-pain') {
    throw new DomainError(ErrorCode.ValidationFailed, `A pain patient's pain score is recorded ${when}`, [{ field: 'painScore', message: `is required ${when} for a pain patient (0-10)` }]);
  }
}
