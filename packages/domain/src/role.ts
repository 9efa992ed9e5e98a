import { z } from 'zod';

/** The roles of Keta's users (DESIGN.md, "Decisions"). EHR systems are not users: see EHR_CLIENT_ROLE (ehr-client.ts). */
export const ROLES = ['admin', 'clinician', 'front-desk', 'referrer', 'ops'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;
