import { z } from 'zod';

const uuid = z.uuid({ error: 'must be a UUID' });

/** Which dead letters ops look at: all, or one connection's. */
export const deadLetterQuerySchema = z.strictObject({ connectionId: uuid.optional() });
export type DeadLetterQuery = z.infer<typeof deadLetterQuerySchema>;

/** A dead letter to send again: the connection and the record, by ids (never its content). */
export const deadLetterReplaySchema = z.strictObject({
  connectionId: uuid,
  resourceType: z.string().regex(/^[A-Z][A-Za-z]{1,63}$/, 'must be a FHIR resource type'),
  resourceId: uuid,
});
export type DeadLetterReplay = z.infer<typeof deadLetterReplaySchema>;
