import type { Role, SmartPermission } from '@keta/domain';
import { ROLES } from '@keta/domain';
import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'keta:public';
export const ALLOWED_ROLES = 'keta:roles';
export const FHIR_SCOPE = 'keta:fhir-scope';
export const INTAKE_LIMITED = 'keta:intake-limited';

/** Reachable without signing in. Use sparingly: health, sign-in. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The roles that may call a route. A route with neither this nor @Public() is denied to everyone. */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

/** Intake: what a caller sends here counts against their per-minute limit (INTAKE_MAX_PER_MINUTE). */
export const IntakeLimited = () => SetMetadata(INTAKE_LIMITED, true);

export interface FhirScopeSpec {
  type: string;
  permission: SmartPermission;
}

/**
 * The SMART system scope an EHR client needs for a route (`system/<type>.<permission>`, or the same on `*`).
 * The only way a client token opens a route: a route without it is closed to every client.
 */
export const FhirScope = (type: string, permission: SmartPermission) =>
  SetMetadata(FHIR_SCOPE, { type, permission } satisfies FhirScopeSpec);

export const EVERY_ROLE: Role[] = [...ROLES];
export const CLINIC_STAFF: Role[] = ['admin', 'clinician', 'front-desk'];
