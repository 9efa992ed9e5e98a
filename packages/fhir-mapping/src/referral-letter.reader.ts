import type { ReferralLetterRecord } from '@keta/domain';
import type { FieldIssue } from '@keta/errors';
import type { DocumentReference } from '@medplum/fhirtypes';
import { KETA_SYSTEMS } from './identifier-systems';
import { unreadable } from './read-error';
import { referencedId } from './reference-id';

/** A letter as an EHR sends it: the PDF's bytes, for the document store to check and keep. */
export interface InboundLetter {
  contentType: 'application/pdf';
  data: Uint8Array;
}

/** Base64 in whole quads; a plain character class, as a grouped pattern overflows the stack on a large PDF. */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const isBase64 = (data: string) => data.length % 4 === 0 && BASE64.test(data);

/**
 * A referral letter sent inline: `content[0].attachment` as a PDF with its bytes in `data` (base64). A letter
 * given only by URL is refused, since Keta does not fetch from senders; so is any other content type.
 */
export function readInboundLetter(document: DocumentReference): InboundLetter {
  const attachment = document.content?.[0]?.attachment;
  const issues: FieldIssue[] = [];
  if (attachment?.contentType !== 'application/pdf') issues.push({ field: 'DocumentReference.content[0].attachment.contentType', message: 'must be application/pdf: Keta takes referral letters as PDF' });
  const data = attachment?.data?.replace(/\s/g, '');
  if (!data) issues.push({ field: 'DocumentReference.content[0].attachment.data', message: 'needs the letter\'s bytes (base64): Keta does not fetch a letter from a URL' });
  else if (!isBase64(data)) issues.push({ field: 'DocumentReference.content[0].attachment.data', message: 'must be base64' });
  if (issues.length) throw unreadable(issues);
  return { contentType: 'application/pdf', data: new Uint8Array(Buffer.from(data!, 'base64')) };
}

/** A DocumentReference Keta made back into the letter record it came from (for the round trip). */
export function fromFhirReferralLetter(document: DocumentReference): ReferralLetterRecord {
  const issues: FieldIssue[] = [];
  const need = <T>(value: T | undefined, field: string): T => {
    if (value === undefined) issues.push({ field: `DocumentReference.${field}`, message: 'is missing, or not as Keta writes it' });
    return value as T;
  };
  const attachment = document.content?.[0]?.attachment;
  const record: ReferralLetterRecord = {
    id: need(document.identifier?.find((i) => i.system === KETA_SYSTEMS.referralLetter)?.value, 'identifier'),
    referralId: need(document.context?.related?.map((r) => referencedId(r, 'ServiceRequest')).find(Boolean), 'context.related'),
    patientId: need(referencedId(document.subject, 'Patient'), 'subject'),
    contentType: need(attachment?.contentType === 'application/pdf' ? 'application/pdf' : undefined, 'content[0].attachment.contentType'),
    sizeBytes: need(attachment?.size, 'content[0].attachment.size'),
    storedAt: need(document.date, 'date'),
  };
  if (issues.length) throw unreadable(issues);
  return record;
}
