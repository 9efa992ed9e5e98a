import { Foundation1763830000000 } from './1763830000000-foundation';
import { ReferralSync1763840000000 } from './1763840000000-referral-sync';

/** Every migration, in order. Never edit one that has landed: add the next. */
export const MIGRATIONS = [Foundation1763830000000, ReferralSync1763840000000];
