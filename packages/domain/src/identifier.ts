import { z } from 'zod';

/** Keta's own identifier systems start with this; a caller may not claim them. */
export const KETA_IDENTIFIER_PREFIX = 'urn:keta:';

/** A business identifier another system gave a record (an MRN, the referrer's own number). */
export const identifierSchema = z.strictObject({
  system: z.url().max(500).refine((s) => !s.startsWith(KETA_IDENTIFIER_PREFIX), 'is reserved for identifiers Keta assigns'),
  value: z.string().trim().min(1).max(200),
});
export type Identifier = z.infer<typeof identifierSchema>;
