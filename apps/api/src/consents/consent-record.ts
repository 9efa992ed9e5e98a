import type { ConsentEntity, ConsentFormEntity } from '@keta/db';
import type { ConsentFormRecord, ConsentRecord, ConsentSigner } from '@keta/domain';

/** A consent row, with the form it was signed on, as the record the mapper takes (and the API answers). */
export function toConsentRecord(row: ConsentEntity, form?: ConsentFormEntity | null): ConsentRecord {
  const base = {
    id: row.id,
    patientId: row.patientId,
    signedAt: row.signedAt.toISOString(),
    ...(row.documentId ? { documentId: row.documentId } : {}),
    ...(row.expiresOn ? { expiresOn: row.expiresOn } : {}),
    ...(form ? { form: { id: form.id, version: form.version, title: form.title } } : {}),
    ...(row.signer ? { signedBy: signerOf(row) } : {}),
    ...(row.witnessedBy ? { witnessedBy: row.witnessedBy } : {}),
  };
  const state = row.status === 'revoked' ? { status: 'revoked' as const, revokedAt: row.revokedAt!.toISOString() } : { status: 'active' as const };
  if (row.kind === 'treatment') return { ...base, ...state, kind: 'treatment' };
  const recipient = { name: row.recipientName!, ...(row.recipientUrl ? { url: row.recipientUrl } : {}) };
  return { ...base, ...state, kind: 'privacy', recipient, coversPart2: row.coversPart2 };
}

function signerOf(row: ConsentEntity): ConsentSigner {
  return row.signer === 'legal-representative' ? { signer: 'legal-representative', representativeName: row.representativeName! } : { signer: 'patient' };
}

export function toConsentFormRecord(row: ConsentFormEntity): ConsentFormRecord {
  return {
    id: row.id, kind: row.kind, version: row.version, title: row.title, body: row.body,
    publishedAt: row.publishedAt.toISOString(), publishedBy: row.publishedBy,
  };
}
