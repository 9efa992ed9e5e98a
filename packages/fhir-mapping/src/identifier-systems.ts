import { KETA_IDENTIFIER_PREFIX } from '@keta/domain';

/**
 * The clinic's own identifier systems, one per record type; values are Keta's UUIDs. Sending a record
 * again is a conditional update on this identifier, so it is idempotent in any EHR.
 */
export const KETA_SYSTEMS = {
  patient: `${KETA_IDENTIFIER_PREFIX}patient`,
  referral: `${KETA_IDENTIFIER_PREFIX}referral`,
  referralTask: `${KETA_IDENTIFIER_PREFIX}referral-task`,
  referralLetter: `${KETA_IDENTIFIER_PREFIX}referral-letter`,
  condition: `${KETA_IDENTIFIER_PREFIX}condition`,
  homeMedication: `${KETA_IDENTIFIER_PREFIX}home-medication`,
  measurement: `${KETA_IDENTIFIER_PREFIX}measurement`,
  screeningFinding: `${KETA_IDENTIFIER_PREFIX}screening-finding`,
  consent: `${KETA_IDENTIFIER_PREFIX}consent`,
  infusionEncounter: `${KETA_IDENTIFIER_PREFIX}infusion-encounter`,
  infusionAdministration: `${KETA_IDENTIFIER_PREFIX}infusion-administration`,
  questionnaireResponse: `${KETA_IDENTIFIER_PREFIX}questionnaire-response`,
  questionnaireScore: `${KETA_IDENTIFIER_PREFIX}questionnaire-score`,
  adverseEffect: `${KETA_IDENTIFIER_PREFIX}adverse-effect`,
  appointment: `${KETA_IDENTIFIER_PREFIX}appointment`,
} as const;

export interface SyncIdentifier {
  system: string;
  value: string;
}
