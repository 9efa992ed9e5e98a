import { ReferralEntity } from '@keta/db';
import { DomainError, ErrorCode } from '@keta/errors';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';

/** A referral the reader may see: a referrer sees only the referrals they sent; any other is "not found", not "forbidden". */
export async function readableReferral(db: EntityManager, id: string, reader: Principal): Promise<ReferralEntity> {
  const referral = await db.getRepository(ReferralEntity).findOneBy({ id });
  if (!referral || (reader.role === 'referrer' && referral.submittedBy !== reader.userId)) {
    throw new DomainError(ErrorCode.NotFound, 'No referral has this id');
  }
  return referral;
}
