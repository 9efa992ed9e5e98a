import type { Role } from '@keta/domain';
import { ROLES } from '@keta/domain';
import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'keta:public';
export const ALLOWED_ROLES = 'keta:roles';

/** Reachable without signing in. Use sparingly: health, sign-in. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The roles that may call a route. A route with neither this nor @Public() is denied to everyone. */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

export const EVERY_ROLE: Role[] = [...ROLES];
export const CLINIC_STAFF: Role[] = ['admin', 'clinician', 'front-desk'];
