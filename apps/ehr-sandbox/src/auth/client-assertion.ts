import { decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import type { ClientRegistry } from './client-registry';

/** The algorithms SMART Backend Services allows for a client assertion. */
export const ASSERTION_ALGORITHMS = ['RS384', 'ES384'];
/** SMART: an assertion's exp is "no more than five minutes in the future". */
const MAX_LIFETIME_SECONDS = 300;
const CLOCK_SKEW_SECONDS = 30;

/** Who the assertion proves the caller is, or why not; `claimed` is the client it named, for the counters. */
export type AssertionResult = { ok: true; clientId: string } | { ok: false; claimed?: string; description: string };

/**
 * Checks a private_key_jwt client assertion (RFC 7523, SMART Backend Services): the client's registered key
 * (named by kid) signed it with RS384 or ES384, iss = sub = the client, aud = this token endpoint, exp at most
 * five minutes ahead, and a jti this client has not used before.
 */
export async function verifyClientAssertion(assertion: string, tokenUrl: string, clients: ClientRegistry, nowMs = Date.now()): Promise<AssertionResult> {
  const unverified = decode(assertion);
  if (typeof unverified === 'string') return { ok: false, description: unverified };
  const { kid, iss } = unverified;
  const client = clients.get(iss);
  if (!client) return { ok: false, claimed: iss, description: `no client ${iss} is registered` };
  const refuse = (description: string): AssertionResult => ({ ok: false, claimed: iss, description });
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(assertion, client.keys, {
      algorithms: ASSERTION_ALGORITHMS,
      issuer: iss,
      subject: iss,
      audience: tokenUrl,
      requiredClaims: ['exp', 'jti'],
      clockTolerance: CLOCK_SKEW_SECONDS,
      currentDate: new Date(nowMs),
    }));
  } catch (error) {
    return refuse(verificationProblem(error, kid, iss, tokenUrl));
  }
  const ahead = payload.exp! - Math.floor(nowMs / 1000);
  if (ahead > MAX_LIFETIME_SECONDS + CLOCK_SKEW_SECONDS) return refuse(`assertion exp is ${ahead} s ahead: at most ${MAX_LIFETIME_SECONDS}`);
  if (typeof payload.jti !== 'string' || payload.jti === '') return refuse('assertion jti must be a non-empty string');
  if (!clients.firstUse(iss, payload.jti, payload.exp! * 1000, nowMs)) return refuse(`assertion jti ${payload.jti} was already used`);
  return { ok: true, clientId: iss };
}

/** The header and issuer, read before verifying only to pick the client's keys. */
function decode(assertion: string): { kid: string; iss: string } | string {
  let header: ReturnType<typeof decodeProtectedHeader>;
  let payload: JWTPayload;
  try {
    header = decodeProtectedHeader(assertion);
    payload = decodeJwt(assertion);
  } catch {
    return 'client_assertion is not a signed JWT';
  }
  if (!header.alg || !ASSERTION_ALGORITHMS.includes(header.alg)) return `assertion alg ${header.alg ?? '(none)'} is not allowed: use RS384 or ES384`;
  if (typeof header.kid !== 'string' || header.kid === '') return 'assertion header has no kid';
  if (typeof payload.iss !== 'string' || payload.iss === '') return 'assertion has no iss';
  return { kid: header.kid, iss: payload.iss };
}

function verificationProblem(error: unknown, kid: string, iss: string, tokenUrl: string): string {
  if (error instanceof errors.JWKSNoMatchingKey) return `no key with kid ${kid} is registered for ${iss}`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return `assertion signature does not verify with ${iss}'s key ${kid}`;
  if (error instanceof errors.JWTExpired) return 'assertion has expired';
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud') return `assertion aud must be ${tokenUrl}`;
  if (error instanceof errors.JWTClaimValidationFailed) return `assertion ${error.claim}: ${error.message}`;
  if (error instanceof errors.JOSEError && !(error instanceof errors.JWKSTimeout)) return `assertion refused: ${error.message}`;
  return `could not get ${iss}'s keys: ${error instanceof Error ? error.message : String(error)}`;
}
