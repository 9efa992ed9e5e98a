import { z } from 'zod';

/** The people and systems that use Keta (DESIGN.md, "Decisions"). ehr-client arrives with the FHIR endpoint. */
export const ROLES = ['admin', 'clinician', 'front-desk', 'referrer', 'ops'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;
