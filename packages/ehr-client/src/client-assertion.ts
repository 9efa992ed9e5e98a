import type { SigningKey } from '@keta/db';
import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';

/** Well inside the five minutes SMART allows, so a server whose clock runs ahead still takes it. */
const LIFETIME_SECONDS = 240;

/**
 * The authentication JWT of SMART Backend Services: signed with the connection's key (RS384/ES384, its kid
 * in the header), `iss` = `sub` = the client id, `aud` = the token endpoint, `exp` under five minutes ahead,
 * and a `jti` never used before.
 */
export async function clientAssertion(key: SigningKey, clientId: string, tokenUrl: string, now = Date.now()): Promise<string> {
  const issuedAt = Math.floor(now / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: key.algorithm, kid: key.kid, typ: 'JWT' })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(tokenUrl)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + LIFETIME_SECONDS)
    .setJti(randomUUID())
    .sign(key.privateKey);
}
