import type { ReferralLetterRecord } from '@keta/domain';
import { validateResource } from '@medplum/core';
import type { DocumentReference } from '@medplum/fhirtypes';
import { PDF, fields } from '../test/inbound-bundle';
import { indexFhirDefinitions } from '../test/fhir-definitions';
import { KETA_SYSTEMS } from './identifier-systems';
import { toFhirReferralLetter } from './referral-letter.mapper';
import { fromFhirReferralLetter, readInboundLetter } from './referral-letter.reader';

beforeAll(indexFhirDefinitions);

const record: ReferralLetterRecord = {
  id: '6d8e0f2a-5555-4e6f-9a7b-8c9d0e1f2a3b',
  referralId: '7c1d2e3f-1111-4c2d-8e9f-0a1b2c3d4e5f',
  patientId: '0b5e6a4e-5d3f-4a52-9a0e-8f5f3f1a2b01',
  contentType: 'application/pdf',
  sizeBytes: 48_213,
  storedAt: '2026-11-22T10:01:00.000Z',
};

describe('referral letter mapping (DOMAIN.md §2.2)', () => {
  it('gives a current LOINC 57133-1 clinical note pointing at the stored PDF and its referral', () => {
    const { resource, syncIdentifier, status } = toFhirReferralLetter(record);
    expect(() => validateResource(resource)).not.toThrow();
    expect(resource).toEqual({
      resourceType: 'DocumentReference',
      id: record.id,
      identifier: [{ system: KETA_SYSTEMS.referralLetter, value: record.id }],
      status: 'current',
      type: { coding: [{ system: 'http://loinc.org', code: '57133-1', display: 'Referral note' }] },
      category: [{ coding: [{ system: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category', code: 'clinical-note', display: 'Clinical Note' }] }],
      subject: { reference: `Patient/${record.patientId}` },
      date: record.storedAt,
      content: [{ attachment: { contentType: 'application/pdf', url: `Binary/${record.id}`, size: 48_213 } }],
      context: { related: [{ reference: `ServiceRequest/${record.referralId}` }] },
    });
    expect([syncIdentifier.value, status]).toEqual([record.id, 'current']);
  });

  it('reading back names each element it lacks', () => {
    expect(fields(() => fromFhirReferralLetter({ resourceType: 'DocumentReference', status: 'current', content: [] })).map((i) => i.field)).toEqual([
      'DocumentReference.identifier', 'DocumentReference.context.related', 'DocumentReference.subject',
      'DocumentReference.content[0].attachment.contentType', 'DocumentReference.content[0].attachment.size', 'DocumentReference.date',
    ]);
  });
});

describe('reading an inbound letter', () => {
  const inbound = (attachment: object): DocumentReference => ({ resourceType: 'DocumentReference', status: 'current', content: [{ attachment }] });
  const base64 = Buffer.from(PDF).toString('base64');

  it('gives the PDF\'s bytes, line breaks in the base64 allowed', () => {
    const wrapped = `${base64.slice(0, 8)}\n${base64.slice(8)}`;
    expect(readInboundLetter(inbound({ contentType: 'application/pdf', data: wrapped }))).toEqual({ contentType: 'application/pdf', data: PDF });
  });

  it('reads a large letter (a grouped base64 pattern would overflow the stack)', () => {
    const large = Buffer.alloc(8 * 1024 * 1024, '%PDF-');
    const { data } = readInboundLetter(inbound({ contentType: 'application/pdf', data: large.toString('base64') }));
    expect(large.equals(data)).toBe(true);
  });

  it('refuses a letter given only by URL, another content type, and data that is not base64', () => {
    expect(fields(() => readInboundLetter(inbound({ contentType: 'application/pdf', url: 'https://harbor.example/l.pdf' })))).toEqual([
      { field: 'DocumentReference.content[0].attachment.data', message: 'needs the letter\'s bytes (base64): Keta does not fetch a letter from a URL' },
    ]);
    expect(fields(() => readInboundLetter(inbound({ contentType: 'text/plain', data: base64 }))).map((i) => i.field)).toEqual(['DocumentReference.content[0].attachment.contentType']);
    for (const data of ['JVBERi0x!w==', 'JVBERi0']) {
      expect(fields(() => readInboundLetter(inbound({ contentType: 'application/pdf', data })))).toEqual([
        { field: 'DocumentReference.content[0].attachment.data', message: 'must be base64' },
      ]);
    }
    expect(fields(() => readInboundLetter({ resourceType: 'DocumentReference', status: 'current', content: [] })).map((i) => i.field))
      .toEqual(['DocumentReference.content[0].attachment.contentType', 'DocumentReference.content[0].attachment.data']);
  });
});
