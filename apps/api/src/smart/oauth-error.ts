import { DomainError, ErrorCode } from '@keta/errors';

/** The RFC 6749 §5.2 error codes the token endpoint answers with. */
export type OAuthErrorCode = 'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_scope';

/** The domain code decides how the audit trail files the refusal: a failed authentication is `denied`. */
const DOMAIN_CODE: Record<OAuthErrorCode, ErrorCode> = {
  invalid_request: ErrorCode.MalformedRequest,
  invalid_client: ErrorCode.Unauthenticated,
  unsupported_grant_type: ErrorCode.MalformedRequest,
  invalid_scope: ErrorCode.Forbidden,
};

/**
 * A token request refused, in OAuth's words. A DomainError, so the edge renders it like any other error
 * (http/send-oauth-error.ts); the description names the rule broken, never a value the client sent.
 */
export class OAuthError extends DomainError {
  constructor(
    readonly oauthCode: OAuthErrorCode,
    description: string,
  ) {
    super(DOMAIN_CODE[oauthCode], description);
    this.name = 'OAuthError';
  }
}
