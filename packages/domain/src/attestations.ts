import { z } from 'zod';

/**
 * What the patient or the referrer attested at screening; a missing answer means nobody asked yet, never
 * "no". The eligibility rules read these beside coded conditions (seed 003's exclusion criteria).
 */
export const attestationsSchema = z.strictObject({
  failedStandardTreatment: z.boolean().optional(),
  seeingMentalHealthProvider: z.boolean().optional(),
  activeSubstanceUse: z.boolean().optional(),
  historyOfPsychosis: z.boolean().optional(),
  increasedIntracranialPressure: z.boolean().optional(),
  uncontrolledHypertension: z.boolean().optional(),
  unstableCardiovascularDisease: z.boolean().optional(),
  previousNegativeKetamineResponse: z.boolean().optional(),
  ketamineAbuseDisorder: z.boolean().optional(),
  pregnant: z.boolean().optional(),
});
export type Attestations = z.infer<typeof attestationsSchema>;
