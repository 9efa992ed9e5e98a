import { ErrorCode, type DomainError } from '@keta/errors';
import type { Response } from 'express';
import { OAuthError } from '../smart/oauth-error';

/**
 * An error at the token endpoint as OAuth clients read it (RFC 6749 §5.2): `{ error, error_description }`,
 * never problem+json. Every refusal is a 400 (invalid_client included: the client authenticates in the
 * body, not with an Authorization header, so there is no 401 challenge to make), except too many attempts
 * (429 with Retry-After) and our own failures (5xx).
 */
export function sendOAuthError(res: Response, error: DomainError): void {
  const [status, code] = error instanceof OAuthError ? [400, error.oauthCode] : statusAndCode(error.code);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Pragma', 'no-cache');
  res.status(status).json({ error: code, error_description: error.message });
}

function statusAndCode(code: ErrorCode): [number, string] {
  switch (code) {
    case ErrorCode.RateLimited:
      return [429, 'invalid_client'];
    case ErrorCode.Internal:
      return [500, 'server_error'];
    case ErrorCode.Unavailable:
      return [503, 'temporarily_unavailable'];
    default:
      return [400, 'invalid_request'];
  }
}
