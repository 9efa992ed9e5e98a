/** The questionnaires a clinic scores: PHQ-9 (depression) and GAD-7 (anxiety), each item answered 0-3. */
export const INSTRUMENTS = ['phq9', 'gad7'] as const;
export type Instrument = (typeof INSTRUMENTS)[number];

export const INSTRUMENT_ITEM_COUNTS: Readonly<Record<Instrument, number>> = { phq9: 9, gad7: 7 };

/**
 * A completed PHQ-9 or GAD-7. It goes to EHRs as a QuestionnaireResponse plus a total-score Observation,
 * whose id is `scoreId` (DOMAIN.md §2.7).
 */
export interface QuestionnaireResponseRecord {
  id: string;
  scoreId: string;
  patientId: string;
  encounterId?: string;
  instrument: Instrument;
  /** One answer per item, in item order, each 0 (not at all) to 3 (nearly every day). */
  answers: number[];
  authoredAt: string;
}
