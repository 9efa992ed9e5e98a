import type { EntityManager } from 'typeorm';

/** A patient's consents as the disclosure rule reads them (packages/clinical-rules, consent/disclosure.ts). */
export interface ConsentOnFile {
  kind: 'treatment' | 'privacy';
  status: 'active' | 'revoked';
  recipientUrl?: string;
  coversPart2: boolean;
  expiresOn?: string;
}

export async function readPatientConsents(db: EntityManager, patientId: string): Promise<ConsentOnFile[]> {
  const rows = (await db.query(
    `SELECT kind, status, recipient_url, covers_part2, to_char(expires_on, 'YYYY-MM-DD') AS expires_on FROM consent WHERE patient_id = $1 ORDER BY signed_at, id`,
    [patientId],
  )) as Array<{ kind: ConsentOnFile['kind']; status: ConsentOnFile['status']; recipient_url: string | null; covers_part2: boolean; expires_on: string | null }>;
  return rows.map((r) => ({
    kind: r.kind, status: r.status, coversPart2: r.covers_part2,
    ...(r.recipient_url ? { recipientUrl: r.recipient_url } : {}), ...(r.expires_on ? { expiresOn: r.expires_on } : {}),
  }));
}
