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
 * Generates the connection's signing key (RS384: RSA 3072; ES384: P-384) and retires the one it replaces.
 * The private half is sealed with the credential key ring, the connection id bound in as associated data so
 * a sealed key copied to another connection does not open.
 */
export async function generateSigningKey(tx: EntityManager, cipher: KeyRingCipher, connectionId: string, algorithm: SmartSigningAlgorithm): Promise<string> {
  // Off the event loop: an RSA 3072 key takes long enough to stall every other request.
  const { publicKey, privateKey } = algorithm === 'RS384'
    ? await promisify(generateKeyPair)('rsa', { modulusLength: 3072 })
    : await promisify(generateKeyPair)('ec', { namedCurve: 'P-384' });
  const kid = randomUUID();
  const sealed = cipher.seal(privateKey.export({ format: 'der', type: 'pkcs8' }), associatedData(connectionId, kid));
  const publicJwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: algorithm, use: 'sig' };
  await retireSigningKeys(tx, connectionId);
  await tx.query(
    `INSERT INTO ehr_signing_key (kid, connection_id, algorithm, public_jwk, sealed_with, iv, auth_tag, ciphertext) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [kid, connectionId, algorithm, publicJwk, sealed.keyId, sealed.iv, sealed.authTag, sealed.ciphertext],
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
    `SELECT kid, algorithm, sealed_with, iv, auth_tag, ciphertext FROM ehr_signing_key WHERE connection_id = $1 AND retired_at IS NULL`,
    [connectionId],
  )) as Array<{ kid: string; algorithm: SmartSigningAlgorithm; sealed_with: string; iv: Buffer; auth_tag: Buffer; ciphertext: Buffer }>;
  if (!row) return undefined;
  const der = cipher.open({ keyId: row.sealed_with, iv: row.iv, authTag: row.auth_tag, ciphertext: row.ciphertext }, associatedData(connectionId, row.kid));
  return { kid: row.kid, algorithm: row.algorithm, privateKey: createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }) };
}

/** The kid of each connection's current key, by connection id. */
export async function currentKeyIds(db: EntityManager, connectionIds: string[]): Promise<Map<string, string>> {
  const rows = (await db.query(
    `SELECT connection_id, kid FROM ehr_signing_key WHERE connection_id = ANY($1::uuid[]) AND retired_at IS NULL`,
    [connectionIds],
  )) as Array<{ connection_id: string; kid: string }>;
  return new Map(rows.map((r) => [r.connection_id, r.kid]));
}

/** Keta's JWKS: the public half of every current key, and of keys retired in the last days. */
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
