import { EhrError } from './ehr-error';

/** A connection that authenticates with nothing or a fixed bearer token (ehr_connection.auth_kind, auth_token_env). */
export interface StaticAuth {
  authKind: 'none' | 'bearer';
  authTokenEnv: string | null;
}

/**
 * The Authorization header for a connection: none, or its bearer token read from the process's environment
 * at each sync (rotating it needs no restart), never from the database. A missing token is an auth error
 * the circuit breaker and the ledger report, never a crash.
 */
export function authorizationFor(auth: StaticAuth, env: Record<string, string | undefined> = process.env): string | undefined {
  if (auth.authKind === 'none') return undefined;
  const token = auth.authTokenEnv ? env[auth.authTokenEnv]?.trim() : undefined;
  if (!token) throw new EhrError('ehr_credential_missing', 'auth');
  return `Bearer ${token}`;
}
