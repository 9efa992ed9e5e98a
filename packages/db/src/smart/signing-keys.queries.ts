import type { SmartSigningAlgorithm } from '@keta/domain';
import { createPrivateKey, generateKeyPair, randomUUID, type JsonWebKey, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { EntityManager } from 'typeorm';
import type { KeyRingCipher } from '../sealing/key-ring-cipher';

/** A retired key stays published this long, so an EHR that cached Keta's JWKS still verifies its last assertions. */
const RETIRED_KEY_PUBLISHED_DAYS = 7;

export interface SigningKey {
  kid: string;
  algorithm: SmartSigningAlgorithm;
  privateKey: KeyObject;
}

/**
 * Generates the connection's signing key (RS384: RSA 3072; ES384: P-384), signed with from now on, and retires
 * the keys it replaces (a next key too: it would be the one replaced next).
 */
export async function generateSigningKey(tx: EntityManager, cipher: KeyRingCipher, connectionId: string, algorithm: SmartSigningAlgorithm): Promise<string> {
  const key = await newKeyPair(algorithm);
  await retireSigningKeys(tx, connectionId);
  return insertKey(tx, cipher, connectionId, algorithm, key, true);
}

/**
 * Generates the connection's next key: published at once, signed with only once activated, so an EHR where
 * the key itself is registered can be given it first. A next key not yet activated is replaced.
 */
export async function stageSigningKey(tx: EntityManager, cipher: KeyRingCipher, connectionId: string, algorithm: SmartSigningAlgorithm): Promise<string> {
  const key = await newKeyPair(algorithm);
  await tx.query(`UPDATE ehr_signing_key SET retired_at = now() WHERE connection_id = $1 AND retired_at IS NULL AND activated_at IS NULL`, [connectionId]);
  return insertKey(tx, cipher, connectionId, algorithm, key, false);
}

/** Signs with the next key from now on, retiring the current one; the next key's kid, undefined when there is none. */
export async function activateNextSigningKey(tx: EntityManager, connectionId: string): Promise<string | undefined> {
  const [next] = (await tx.query(
    `SELECT kid FROM ehr_signing_key WHERE connection_id = $1 AND retired_at IS NULL AND activated_at IS NULL FOR UPDATE`,
    [connectionId],
  )) as Array<{ kid: string }>;
  if (!next) return undefined;
  await tx.query(`UPDATE ehr_signing_key SET retired_at = now() WHERE connection_id = $1 AND retired_at IS NULL AND activated_at IS NOT NULL`, [connectionId]);
  await tx.query(`UPDATE ehr_signing_key SET activated_at = now() WHERE kid = $1`, [next.kid]);
  return next.kid;
}

// Off the event loop: an RSA 3072 key takes long enough to stall every other request.
function newKeyPair(algorithm: SmartSigningAlgorithm): Promise<{ publicKey: KeyObject; privateKey: KeyObject }> {
  return algorithm === 'RS384'
    ? promisify(generateKeyPair)('rsa', { modulusLength: 3072 })
    : promisify(generateKeyPair)('ec', { namedCurve: 'P-384' });
}

/**
 * The private half is sealed with the credential key ring, the connection id bound in as associated data so a
 * sealed key copied to another connection does not open.
 */
async function insertKey(
  tx: EntityManager, cipher: KeyRingCipher, connectionId: string, algorithm: SmartSigningAlgorithm,
  { publicKey, privateKey }: { publicKey: KeyObject; privateKey: KeyObject }, active: boolean,
): Promise<string> {
  const kid = randomUUID();
  const sealed = cipher.seal(privateKey.export({ format: 'der', type: 'pkcs8' }), associatedData(connectionId, kid));
  const publicJwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: algorithm, use: 'sig' };
  await tx.query(
    `INSERT INTO ehr_signing_key (kid, connection_id, algorithm, public_jwk, sealed_with, iv, auth_tag, ciphertext, activated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $9 THEN now() END)`,
    [kid, connectionId, algorithm, publicJwk, sealed.keyId, sealed.iv, sealed.authTag, sealed.ciphertext, active],
  );
  return kid;
}

/** Retires the connection's keys (it no longer authenticates as a SMART client); they stay published a while. */
export async function retireSigningKeys(tx: EntityManager, connectionId: string): Promise<void> {
  await tx.query(`UPDATE ehr_signing_key SET retired_at = now() WHERE connection_id = $1 AND retired_at IS NULL`, [connectionId]);
}

/** The key the connection signs with now, opened; undefined when it has none. */
export async function currentSigningKey(db: EntityManager, cipher: KeyRingCipher, connectionId: string): Promise<SigningKey | undefined> {
  const [row] = (await db.query(
    `SELECT kid, algorithm, sealed_with, iv, auth_tag, ciphertext FROM ehr_signing_key WHERE connection_id = $1 AND retired_at IS NULL AND activated_at IS NOT NULL`,
    [connectionId],
  )) as Array<{ kid: string; algorithm: SmartSigningAlgorithm; sealed_with: string; iv: Buffer; auth_tag: Buffer; ciphertext: Buffer }>;
  if (!row) return undefined;
  const der = cipher.open({ keyId: row.sealed_with, iv: row.iv, authTag: row.auth_tag, ciphertext: row.ciphertext }, associatedData(connectionId, row.kid));
  return { kid: row.kid, algorithm: row.algorithm, privateKey: createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }) };
}

/** The kids of a connection's current key and of its next key (null when none is staged). */
export interface ConnectionKeyIds {
  keyId: string;
  nextKeyId: string | null;
}

/** Each connection's ConnectionKeyIds, by connection id. */
export async function signingKeyIds(db: EntityManager, connectionIds: string[]): Promise<Map<string, ConnectionKeyIds>> {
  const rows = (await db.query(
    `SELECT connection_id, max(kid) FILTER (WHERE activated_at IS NOT NULL) AS key_id, max(kid) FILTER (WHERE activated_at IS NULL) AS next_key_id
     FROM ehr_signing_key WHERE connection_id = ANY($1::uuid[]) AND retired_at IS NULL GROUP BY connection_id`,
    [connectionIds],
  )) as Array<{ connection_id: string; key_id: string; next_key_id: string | null }>;
  return new Map(rows.map((r) => [r.connection_id, { keyId: r.key_id, nextKeyId: r.next_key_id }]));
}

/** Keta's JWKS: the public half of every current and next key, and of keys retired in the last days. */
export async function publishedSigningKeys(db: EntityManager): Promise<JsonWebKey[]> {
  const rows = (await db.query(
    `SELECT public_jwk FROM ehr_signing_key WHERE retired_at IS NULL OR retired_at > now() - make_interval(days => $1) ORDER BY created_at`,
    [RETIRED_KEY_PUBLISHED_DAYS],
  )) as Array<{ public_jwk: JsonWebKey }>;
  return rows.map((r) => r.public_jwk);
}

function associatedData(connectionId: string, kid: string): string {
  return `ehr_signing_key:${connectionId}:${kid}`;
}
