import { KETA_IDENTIFIER_PREFIX } from '@keta/domain';

/**
 * The clinic's own identifier systems, one per record type; values are Keta's UUIDs. Sending a record
 * again is a conditional update on this identifier, so it is idempotent in any EHR.
 */
export const KETA_SYSTEMS = {
  patient: `${KETA_IDENTIFIER_PREFIX}patient`,
  referral: `${KETA_IDENTIFIER_PREFIX}referral`,
  referralTask: `${KETA_IDENTIFIER_PREFIX}referral-task`,
} as const;

export interface SyncIdentifier {
  system: string;
  value: string;
}
