import type { ConsentEntity } from '@keta/db';
import type { ConsentRecord } from '@keta/domain';

/** A consent row as the record the mapper takes (and the API answers). */
export function toConsentRecord(row: ConsentEntity): ConsentRecord {
  const base = {
    id: row.id,
    patientId: row.patientId,
    signedAt: row.signedAt.toISOString(),
    ...(row.documentId ? { documentId: row.documentId } : {}),
    ...(row.expiresOn ? { expiresOn: row.expiresOn } : {}),
  };
  const state = row.status === 'revoked' ? { status: 'revoked' as const, revokedAt: row.revokedAt!.toISOString() } : { status: 'active' as const };
  if (row.kind === 'treatment') return { ...base, ...state, kind: 'treatment' };
  const recipient = { name: row.recipientName!, ...(row.recipientUrl ? { url: row.recipientUrl } : {}) };
  return { ...base, ...state, kind: 'privacy', recipient, coversPart2: row.coversPart2 };
}
