import type { Jwks } from '@keta/domain';
import { createLocalJWKSet, decodeProtectedHeader, errors, jwtVerify, type JSONWebKeySet } from 'jose';
import { OAuthError } from './oauth-error';

/** SMART Backend Services asks servers to support these two; nothing weaker, and nothing symmetric. */
export const ASSERTION_ALGORITHMS = ['RS384', 'ES384'];
/** "No more than five minutes in the future" (SMART Backend Services, authentication JWT `exp`). */
const MAX_LIFETIME_SECONDS = 300;
/** Room for the client's clock and ours to disagree, both on expiry and on the five-minute bound. */
export const CLOCK_SKEW_SECONDS = 30;
const MAX_JTI_LENGTH = 255;

export interface VerifiedAssertion {
  jti: string;
  /** Until when the assertion could still pass: its jti must be remembered that long. */
  replayableUntil: Date;
}

/**
 * Verifies a client's authentication JWT against the keys it registered: RS384/ES384 only, `kid` naming one
 * of its keys, `iss` = `sub` = its client id, `aud` exactly this token endpoint, `exp` present and at most
 * five minutes ahead, and a `jti`. Whether the jti was seen before is the replay ledger's question.
 */
export async function verifyClientAssertion(assertion: string, jwks: Jwks, clientId: string, audience: string): Promise<VerifiedAssertion> {
  const header = protectedHeaderOf(assertion);
  if (!ASSERTION_ALGORITHMS.includes(header.alg ?? '')) refuse('The assertion must be signed with RS384 or ES384');
  if (typeof header.kid !== 'string' || !header.kid) refuse('The assertion header must name its key (kid)');
  const keys = createLocalJWKSet(jwks as unknown as JSONWebKeySet);
  const { payload } = await jwtVerify(assertion, keys, {
    algorithms: ASSERTION_ALGORITHMS,
    issuer: clientId,
    subject: clientId,
    audience,
    requiredClaims: ['exp', 'jti'],
    clockTolerance: CLOCK_SKEW_SECONDS,
  }).catch((error: unknown) => refuse(describe(error, audience)));
  const exp = payload.exp!;
  if (exp > Date.now() / 1000 + MAX_LIFETIME_SECONDS + CLOCK_SKEW_SECONDS) refuse('exp must be at most 5 minutes ahead');
  const { jti } = payload;
  if (typeof jti !== 'string' || !jti || jti.length > MAX_JTI_LENGTH) refuse(`jti must be a string of 1 to ${MAX_JTI_LENGTH} characters`);
  return { jti, replayableUntil: new Date((exp + CLOCK_SKEW_SECONDS) * 1000) };
}

function protectedHeaderOf(assertion: string): ReturnType<typeof decodeProtectedHeader> {
  try {
    if (assertion.split('.').length !== 3) throw new Error('not a JWS in compact form');
    return decodeProtectedHeader(assertion);
  } catch {
    return refuse('client_assertion is not a signed JWT');
  }
}

/** jose's verdicts in our words; its messages are safe but name no fix, and nothing else is ever echoed. */
function describe(error: unknown, audience: string): string {
  if (error instanceof errors.JWKSNoMatchingKey) return 'No key registered for this client matches the assertion kid and alg';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The assertion signature does not verify with the registered key';
  if (error instanceof errors.JWTExpired) return 'The assertion has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') return `The assertion has no ${error.claim} claim`;
    switch (error.claim) {
      case 'aud':
        return `aud must be this token endpoint, ${audience}`;
      case 'sub':
        return 'sub must equal iss, the client id';
      case 'nbf':
        return 'The assertion is not valid yet (nbf)';
      default:
        return `The assertion ${error.claim} claim is not valid`;
    }
  }
  return 'The assertion is not a valid signed JWT for this client';
}

function refuse(description: string): never {
  throw new OAuthError('invalid_client', description);
}
