import type { EntityManager } from 'typeorm';

/**
 * Holds a connection whose credentials the EHR refused, with the code (never the EHR's words). Not a change of
 * its settings: the version (ETag) stays, so an admin's edit in progress is not refused for it. The first
 * refusal is kept: later ones say the same.
 */
export async function recordAuthRefused(db: EntityManager, connectionId: string, code: string): Promise<void> {
  await db.query(
    `UPDATE ehr_connection SET auth_refused_code = $2, auth_refused_at = now() WHERE id = $1 AND auth_refused_code IS NULL`,
    [connectionId, code],
  );
}

/** Lifts the hold (ops retry): the next sync asks the EHR again. Answers whether there was one. */
export async function clearAuthRefused(db: EntityManager, connectionId: string): Promise<boolean> {
  const [, count] = (await db.query(
    `UPDATE ehr_connection SET auth_refused_code = NULL, auth_refused_at = NULL WHERE id = $1 AND auth_refused_code IS NOT NULL`,
    [connectionId],
  )) as [unknown, number];
  return count > 0;
}
