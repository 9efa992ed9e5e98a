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

/** Sends one patient's records to a connection again, whole. */
export const resyncSchema = z.strictObject({ patientId: uuid });
export type ResyncRequest = z.infer<typeof resyncSchema>;
