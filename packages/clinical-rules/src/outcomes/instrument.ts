import { INSTRUMENTS, type Instrument } from '@keta/domain';
import { z } from 'zod';
import { clinicDefault, domainRef, type Source } from '../findings/source';

/** The questionnaires a clinic scores (PHQ-9, GAD-7) are domain vocabulary, shared with the FHIR mapping. */

export { INSTRUMENTS, type Instrument };

interface InstrumentDefinition {
  items: number;
  maxTotal: number;
  /** Remission: a total strictly below this. */
  remissionBelow: number;
  remissionSource: Source;
  /** Response (>= 50 % drop) and partial response (25-50 %). */
  responseSource: Source;
}

export const INSTRUMENT_DEFINITIONS: Readonly<Record<Instrument, InstrumentDefinition>> = {
  phq9: {
    items: 9,
    maxTotal: 27,
    remissionBelow: 5,
    remissionSource: domainRef('§4.1 (PHQ-9 remission: total < 5)'),
    responseSource: domainRef('§4.1 (PHQ-9 response: >= 50 % reduction; partial 25-50 %)'),
  },
  // DOMAIN.md §4.1 gives remission and response for PHQ-9 only: GAD-7 borrows them, as a clinic choice.
  gad7: {
    items: 7,
    maxTotal: 21,
    remissionBelow: 5,
    remissionSource: clinicDefault('GAD-7 remission: total < 5, by analogy with PHQ-9 (DOMAIN.md §4.1 gives none for GAD-7)'),
    responseSource: clinicDefault('GAD-7 response: the PHQ-9 cut-offs (>= 50 %, partial 25-50 %); DOMAIN.md §4.1 gives none for GAD-7'),
  },
};

/** A questionnaire total: a whole number from 0 to the instrument's maximum. */
export const totalSchema = (instrument: Instrument) => z.number().int().min(0).max(INSTRUMENT_DEFINITIONS[instrument].maxTotal);
