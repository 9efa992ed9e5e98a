import type { Request } from 'express';
import { OAuthError } from './oauth-error';

export const CLIENT_CREDENTIALS = 'client_credentials';
export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** A client_credentials request authenticated by a private_key_jwt assertion (SMART Backend Services). */
export interface TokenRequest {
  assertion: string;
  scope: string;
  /** Optional beside an assertion (RFC 7521 §4.2); when sent, it must be the assertion's issuer. */
  clientId?: string;
}

/**
 * The form's parameters, checked in the order RFC 6749 reads them: a missing or repeated parameter is
 * invalid_request, another grant unsupported_grant_type, another way to authenticate invalid_client.
 * Parameters it does not know are ignored, as §3.2 asks.
 */
export function readTokenRequest(req: Request): TokenRequest {
  if (!req.is('application/x-www-form-urlencoded')) {
    throw new OAuthError('invalid_request', 'Send the token request as application/x-www-form-urlencoded');
  }
  const form = (req.body ?? {}) as Record<string, unknown>;
  const grantType = param(form, 'grant_type');
  if (grantType !== CLIENT_CREDENTIALS) {
    if (grantType === undefined) throw missing('grant_type');
    throw new OAuthError('unsupported_grant_type', `grant_type must be ${CLIENT_CREDENTIALS}`);
  }
  const assertionType = param(form, 'client_assertion_type');
  if (assertionType === undefined) throw missing('client_assertion_type');
  if (assertionType !== JWT_BEARER_ASSERTION) {
    throw new OAuthError('invalid_client', `client_assertion_type must be ${JWT_BEARER_ASSERTION} (private_key_jwt)`);
  }
  const assertion = param(form, 'client_assertion');
  if (assertion === undefined) throw missing('client_assertion');
  const scope = param(form, 'scope');
  if (scope === undefined) throw missing('scope');
  const clientId = param(form, 'client_id');
  return { assertion, scope, ...(clientId === undefined ? {} : { clientId }) };
}

/** One non-empty value, or undefined when absent; a parameter sent twice is refused (RFC 6749 §3.2). */
function param(form: Record<string, unknown>, name: string): string | undefined {
  const value = form[name];
  if (Array.isArray(value)) throw new OAuthError('invalid_request', `${name} is sent more than once`);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function missing(name: string): OAuthError {
  return new OAuthError('invalid_request', `${name} is required`);
}
