import type { Jwks } from '@keta/domain';
import { DomainError, ErrorCode, type FieldIssue } from '@keta/errors';
import { importJWK } from 'jose';
import type { KeyObject } from 'node:crypto';

/** jose refuses shorter RSA keys for RS384 at verification time; better to say so at registration. */
const MIN_RSA_BITS = 2048;

/**
 * The domain schema checks a JWKS's shape; this checks each key is one the token endpoint can verify with,
 * so a client learns of a bad key when it registers, not from every token request after.
 */
export async function requireUsableKeys(jwks: Jwks): Promise<void> {
  const issues: FieldIssue[] = [];
  for (const [index, jwk] of jwks.keys.entries()) {
    const field = `jwks.keys.${index}`;
    try {
      const key = (await importJWK({ ...jwk }, jwk.kty === 'RSA' ? 'RS384' : 'ES384')) as KeyObject;
      const bits = key.asymmetricKeyDetails?.modulusLength;
      if (key.type !== 'public') issues.push({ field, message: 'must be a public key' });
      else if (jwk.kty === 'RSA' && (bits ?? 0) < MIN_RSA_BITS) {
        issues.push({ field, message: `must be an RSA key of at least ${MIN_RSA_BITS} bits` });
      }
    } catch {
      issues.push({ field, message: `is not a usable ${jwk.kty === 'RSA' ? 'RS384' : 'ES384'} public key` });
    }
  }
  if (issues.length) throw new DomainError(ErrorCode.ValidationFailed, 'The request is invalid', issues);
}
