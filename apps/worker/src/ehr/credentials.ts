import { EhrError } from './ehr-error';

/** What the worker knows of how a connection authenticates (ehr_connection.auth_kind, auth_token_env). */
export interface ConnectionAuth {
  authKind: 'none' | 'bearer';
  authTokenEnv: string | null;
}

/**
 * The Authorization header for a connection: none, or its bearer token read from the worker's environment
 * at each sync (rotating it needs no restart), never from the database. A missing token is an auth error
 * the circuit breaker and the ledger report, never a crash.
 */
export function authorizationFor(auth: ConnectionAuth, env: Record<string, string | undefined> = process.env): string | undefined {
  if (auth.authKind === 'none') return undefined;
  const token = auth.authTokenEnv ? env[auth.authTokenEnv]?.trim() : undefined;
  if (!token) throw new EhrError('ehr_credential_missing', 'auth');
  return `Bearer ${token}`;
}
