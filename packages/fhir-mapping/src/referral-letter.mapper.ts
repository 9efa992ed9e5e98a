import type { ReferralLetterRecord } from '@keta/domain';
import type { DocumentReference } from '@medplum/fhirtypes';
import { KETA_SYSTEMS } from './identifier-systems';
import type { ProjectedResource } from './projected-resource';

export const REFERRAL_NOTE = { system: 'http://loinc.org', code: '57133-1', display: 'Referral note' };
const US_CORE_DOCUMENT_CATEGORY = 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category';

/**
 * A referral letter as a DocumentReference (DOMAIN.md §2.2): a LOINC 57133-1 referral note in the clinical-note
 * category, pointing at the PDF in the document store (`Binary/<id>`, never inline) and at its referral.
 */
export function toFhirReferralLetter(record: ReferralLetterRecord): ProjectedResource<DocumentReference> {
  const own = { system: KETA_SYSTEMS.referralLetter, value: record.id };
  const resource: DocumentReference & { id: string } = {
    resourceType: 'DocumentReference',
    id: record.id,
    identifier: [own],
    status: 'current',
    type: { coding: [{ ...REFERRAL_NOTE }] },
    category: [{ coding: [{ system: US_CORE_DOCUMENT_CATEGORY, code: 'clinical-note', display: 'Clinical Note' }] }],
    subject: { reference: `Patient/${record.patientId}` },
    date: record.storedAt,
    content: [{ attachment: { contentType: record.contentType, url: `Binary/${record.id}`, size: record.sizeBytes } }],
    context: { related: [{ reference: `ServiceRequest/${record.referralId}` }] },
  };
  return { resource, patientId: record.patientId, syncIdentifier: own, status: 'current' };
}
