import type { ConsentRecord } from '@keta/domain';

/** A consent as staff read it: the record, and the version a revocation names (If-Match). */
export type ConsentView = ConsentRecord & { version: number };
