import { z } from 'zod';
import { EHR_CLIENT_ROLE } from './ehr-client';
import { roleSchema } from './role';

export const AUDIT_ACTIONS = ['read', 'search', 'create', 'update', 'delete', 'sign-in'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** success: done; denied: not allowed (401/403/429); failed: the caller's mistake (4xx); error: ours (5xx). */
export const AUDIT_OUTCOMES = ['success', 'denied', 'failed', 'error'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** One access to a record. Ids and codes only: an audit row never holds PHI. */
export interface AuditEvent {
  actorUserId: string | null;
  /** Set instead of actorUserId when the actor is an EHR client (its client_id). */
  actorClientId: string | null;
  actorRole: string | null;
  action: AuditAction;
  resourceType: string;
  resourceId: string | null;
  outcome: AuditOutcome;
  errorCode: string | null;
  ip: string | null;
  requestId: string | null;
}

/** An audit row as kept: its sequence number and when it happened. */
export interface AuditEventRecord extends AuditEvent {
  id: string;
  occurredAt: string;
}

export const auditQuerySchema = z.strictObject({
  actorUserId: z.uuid().optional(),
  actorClientId: z.uuid().optional(),
  resourceType: z.string().max(64).optional(),
  resourceId: z.string().max(128).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  actorRole: z.union([roleSchema, z.literal(EHR_CLIENT_ROLE)]).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().positive().optional(),
  /** `fhir`: the same rows as a FHIR Bundle of AuditEvent resources (as `Accept: application/fhir+json` asks). */
  format: z.enum(['json', 'fhir']).optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
