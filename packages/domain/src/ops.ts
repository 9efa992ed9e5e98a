import { z } from 'zod';

const uuid = z.uuid({ error: 'must be a UUID' });

/** GET /ops/sync-records: the sync ledger searched by record, referral or patient id, type, status and time. */
export const ledgerSearchSchema = z
  .strictObject({
    connectionId: uuid.optional(),
    resourceId: uuid.optional(),
    referralId: uuid.optional(),
    patientId: uuid.optional(),
    resourceType: z.string().regex(/^[A-Z][A-Za-z]{1,63}$/, 'must be a FHIR resource type').optional(),
    status: z.enum(['synced', 'failed', 'dead-letter', 'withheld']).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).max(100000).default(0),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), { message: 'must not be after to', path: ['from'] });
export type LedgerSearchQuery = z.infer<typeof ledgerSearchSchema>;

/**
 * A body that may be left out: a POST without one reaches the route as nothing at all, and means the same as
 * `{}` (the whole connection).
 */
const optionalPatient = z.preprocess((body) => body ?? {}, z.strictObject({ patientId: uuid.optional() }));

/** Sends one patient's records to a connection again, whole; without a patient, every record the connection holds. */
export const resyncSchema = optionalPatient;
export type ResyncRequest = z.infer<typeof resyncSchema>;

/** Compares one patient's records (or, without one, the connection's sample) with what the EHR holds. */
export const reconcileSchema = optionalPatient;
export type ReconcileRequest = z.infer<typeof reconcileSchema>;
