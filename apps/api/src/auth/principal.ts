import type { EhrClientRole, Role, SmartScope } from '@keta/domain';
import type { Request } from 'express';

/** Who is calling: ids and role only. */
export interface Principal {
  userId: string;
  role: Role;
}

/** An EHR system calling with a SMART Backend Services token: its client_id and the system scopes it holds now. */
export interface ClientPrincipal {
  clientId: string;
  role: EhrClientRole;
  scopes: SmartScope[];
}

export type Caller = Principal | ClientPrincipal;

/**
 * A user is `principal`, an EHR client is `ehrClient`, never both. Kept apart so that a route written for
 * users (which reads `principal.userId`) can never run with a client in its place. Not `client`: Node's
 * request already has that property (its socket), which is always set.
 */
export type KetaRequest = Request & { principal?: Principal; ehrClient?: ClientPrincipal };
