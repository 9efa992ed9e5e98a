import { EhrError, classifyStatus, reach, retryAfterMs } from './ehr-error';

export interface IssuedToken {
  accessToken: string;
  /** When the EHR will stop taking it (epoch ms). */
  expiresAt: number;
}

/** What the server did not say: SMART's own recommendation for a backend token's lifetime. */
const DEFAULT_LIFETIME_SECONDS = 300;
/** OAuth errors that asking again with the same credentials cannot mend (RFC 6749 §5.2). */
const REFUSALS = new Set(['invalid_client', 'unauthorized_client', 'invalid_grant', 'invalid_scope', 'unsupported_grant_type', 'invalid_request']);

/**
 * Trades a signed assertion for an access token (client_credentials grant, private_key_jwt). A refusal of the
 * credentials is kept as `ehr_auth_<error>`: the OAuth error code only, never its description, which a server
 * may fill with anything. Anything else (unreachable, 5xx, 429) is the usual temporary failure.
 */
export async function requestToken(tokenUrl: string, assertion: string, scopes: readonly string[], timeoutMs: number, now = Date.now): Promise<IssuedToken> {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    scope: scopes.join(' '),
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
  });
  const response = await reach(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: form,
  }, timeoutMs, 'ehr_token');
  const body = (await response.json().catch(() => undefined)) as { access_token?: unknown; expires_in?: unknown; error?: unknown } | undefined;
  if (response.ok && typeof body?.access_token === 'string' && body.access_token) {
    const lifetime = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : DEFAULT_LIFETIME_SECONDS;
    return { accessToken: body.access_token, expiresAt: now() + lifetime * 1000 };
  }
  const error = typeof body?.error === 'string' && REFUSALS.has(body.error) ? body.error : undefined;
  if (error && (response.status === 400 || response.status === 401)) throw EhrError.refused(`ehr_auth_${error}`);
  if (response.ok) throw new EhrError('ehr_token_bad_response', 'temporary');
  const errorClass = classifyStatus(response.status);
  if (errorClass === 'auth' || errorClass === 'invalid' || errorClass === 'not-found') throw EhrError.refused(`ehr_token_http_${response.status}`);
  throw new EhrError(`ehr_token_http_${response.status}`, errorClass, retryAfterMs(response.headers.get('retry-after')));
}
