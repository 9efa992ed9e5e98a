import type { EntityManager } from 'typeorm';

/**
 * Holds a connection whose credentials the EHR refused, with the code (never the EHR's words), unless its
 * credentials changed since they were read (`version`): a refusal of the old ones, answered after an admin
 * put in new ones, must not hold the new. Not a change of its settings: the version (ETag) stays. The first
 * refusal is kept: later ones say the same.
 */
export async function recordAuthRefused(db: EntityManager, connectionId: string, code: string, version: number): Promise<void> {
  await db.query(
    `UPDATE ehr_connection SET auth_refused_code = $2, auth_refused_at = now() WHERE id = $1 AND version = $3 AND auth_refused_code IS NULL`,
    [connectionId, code, version],
  );
}

/** The refusal holding the connection now, if any: checked again before the EHR is asked for a token. */
export async function authRefusalOf(db: EntityManager, connectionId: string): Promise<string | null> {
  const [row] = (await db.query(`SELECT auth_refused_code FROM ehr_connection WHERE id = $1`, [connectionId])) as Array<{ auth_refused_code: string | null }>;
  return row?.auth_refused_code ?? null;
}

/** Lifts the hold (ops retry): the next sync asks the EHR again. Answers whether there was one. */
export async function clearAuthRefused(db: EntityManager, connectionId: string): Promise<boolean> {
  const [, count] = (await db.query(
    `UPDATE ehr_connection SET auth_refused_code = NULL, auth_refused_at = NULL WHERE id = $1 AND auth_refused_code IS NOT NULL`,
    [connectionId],
  )) as [unknown, number];
  return count > 0;
}
