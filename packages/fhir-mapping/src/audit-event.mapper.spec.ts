import { AUDIT_ACTIONS, AUDIT_OUTCOMES, type AuditEventRecord } from '@keta/domain';
import { validateResource } from '@medplum/core';
import fc from 'fast-check';
import { indexFhirDefinitions } from '../test/fhir-definitions';
import { toFhirAuditBundle, toFhirAuditEvent } from './audit-event.mapper';

beforeAll(indexFhirDefinitions);

const read: AuditEventRecord = {
  id: '4711', occurredAt: '2026-12-07T01:30:00.000Z', actorUserId: '0b5e6a4e-5d3f-4a52-9a0e-8f5f3f1a2b01', actorClientId: null, actorRole: 'clinician',
  action: 'read', resourceType: 'referral', resourceId: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a', outcome: 'success', errorCode: null, ip: '10.1.2.3', requestId: 'req-1',
};

describe('audit event mapping', () => {
  it('gives a clinician\'s read of a referral as a RESTful read by that user, of that record, at that time', () => {
    const resource = toFhirAuditEvent(read);
    expect(() => validateResource(resource)).not.toThrow();
    expect(resource).toEqual({
      resourceType: 'AuditEvent', id: '4711',
      type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'RESTful Operation' },
      subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: 'read' }], action: 'R', recorded: read.occurredAt, outcome: '0',
      agent: [{ requestor: true, who: { identifier: { system: 'urn:keta:user', value: read.actorUserId } }, role: [{ coding: [{ system: 'urn:keta:role', code: 'clinician' }] }], network: { address: '10.1.2.3', type: '2' } }],
      source: { observer: { display: 'Keta API' }, type: [{ system: 'http://terminology.hl7.org/CodeSystem/security-source-type', code: '4', display: 'Application Server' }] },
      entity: [{ type: { system: 'urn:keta:audited-record', code: 'referral' }, what: { identifier: { system: 'urn:keta:referral', value: read.resourceId } }, detail: [{ type: 'request-id', valueString: 'req-1' }] }],
    });
  });

  it.each([
    ['a refusal', { outcome: 'denied', errorCode: 'forbidden' }, '4', 'denied: forbidden'],
    ['the caller\'s mistake', { outcome: 'failed', errorCode: 'validation_failed' }, '4', 'failed: validation_failed'],
    ['a failure of Keta\'s', { outcome: 'error', errorCode: null }, '8', 'error'],
  ] as const)('says how %s ended', (_, change, outcome, outcomeDesc) => {
    expect(toFhirAuditEvent({ ...read, ...change })).toMatchObject({ outcome, outcomeDesc });
  });

  it('names an EHR client by its client id, an anonymous caller as such, and a sign-in as a login', () => {
    expect(toFhirAuditEvent({ ...read, actorUserId: null, actorClientId: 'c0ffee00-0000-4000-8000-000000000001', actorRole: 'ehr-client' }).agent[0]?.who)
      .toEqual({ identifier: { system: 'urn:keta:ehr-client', value: 'c0ffee00-0000-4000-8000-000000000001' } });
    const signIn = toFhirAuditEvent({ ...read, actorUserId: null, actorRole: null, action: 'sign-in', resourceType: 'session', resourceId: null, outcome: 'denied', errorCode: 'unauthorized' });
    expect(signIn).toMatchObject({ type: { code: '110114' }, subtype: [{ code: '110122', display: 'Login' }], action: 'E', agent: [{ who: { display: 'anonymous' } }], entity: [{ type: { code: 'session' } }] });
    expect(signIn.agent[0]).not.toHaveProperty('role');
    expect(signIn.entity?.[0]).not.toHaveProperty('what');
  });

  it('maps every audit row to a valid AuditEvent, in a collection Bundle, in order', () => {
    const row = fc.record({
      id: fc.bigInt({ min: 1n, max: 2n ** 62n }).map(String),
      occurredAt: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
      actorUserId: fc.option(fc.uuid({ version: 4 }), { nil: null }),
      actorClientId: fc.constant(null),
      actorRole: fc.option(fc.constantFrom('admin', 'clinician', 'front-desk', 'referrer', 'ops'), { nil: null }),
      action: fc.constantFrom(...AUDIT_ACTIONS),
      resourceType: fc.constantFrom('referral', 'fhir:Binary', 'clinic-settings', 'day-of-override'),
      resourceId: fc.option(fc.uuid({ version: 4 }), { nil: null }),
      outcome: fc.constantFrom(...AUDIT_OUTCOMES),
      errorCode: fc.option(fc.constantFrom('forbidden', 'not_found', 'validation_failed'), { nil: null }),
      ip: fc.option(fc.ipV4(), { nil: null }),
      requestId: fc.option(fc.uuid({ version: 4 }), { nil: null }),
    });
    fc.assert(fc.property(fc.array(row, { maxLength: 5 }), (rows) => {
      const bundle = toFhirAuditBundle(rows);
      expect(() => validateResource(bundle)).not.toThrow();
      expect(bundle.entry?.map((e) => e.resource?.id)).toEqual(rows.map((r) => r.id));
    }), { numRuns: 200 });
  });
});
