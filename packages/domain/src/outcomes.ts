import { z } from 'zod';
import { INSTRUMENT_ITEM_COUNTS, type Instrument } from './questionnaire-response';

/** Each PHQ-9 and GAD-7 item is answered 0 (not at all) to 3 (nearly every day). */
const answer = z.number().int().min(0).max(3);
const answersOf = (instrument: Instrument) => {
  const count = INSTRUMENT_ITEM_COUNTS[instrument];
  return z.array(answer).length(count, `must have ${count} answers, one per item`);
};

/** A clock a minute fast is not the future: a submission dated by a device may run slightly ahead. */
const CLOCK_DRIFT_MS = 60_000;

/** Filled in earlier and recorded now may be dated earlier; never in the future. */
const authoredAt = z.iso
  .datetime({ offset: true })
  .refine((at) => Date.parse(at) <= Date.now() + CLOCK_DRIFT_MS, 'must not be in the future');

const submission = (instrument: Instrument) =>
  z.strictObject({
    instrument: z.literal(instrument),
    answers: answersOf(instrument),
    authoredAt: authoredAt.optional(),
    /** The infusion encounter it was filled in at, if any. */
    encounterId: z.uuid().optional(),
  });

/** A completed PHQ-9 or GAD-7 as a clinician records it: one answer per item, in item order. */
export const newQuestionnaireResponseSchema = z.discriminatedUnion('instrument', [submission('phq9'), submission('gad7')]);
export type NewQuestionnaireResponse = z.infer<typeof newQuestionnaireResponseSchema>;
