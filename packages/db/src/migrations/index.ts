import { Foundation1763830000000 } from './1763830000000-foundation';

/** Every migration, in order. Never edit one that has landed: add the next. */
export const MIGRATIONS = [Foundation1763830000000];
