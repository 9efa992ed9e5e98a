import { APPOINTMENT_KINDS, APPOINTMENT_STATUSES, type AppointmentRecord } from '@keta/domain';
import { validateResource } from '@medplum/core';
import fc from 'fast-check';
import { indexFhirDefinitions } from '../test/fhir-definitions';
import { toFhirAppointment } from './appointment.mapper';
import { KETA_SYSTEMS } from './identifier-systems';

beforeAll(indexFhirDefinitions);

const infusion: AppointmentRecord = {
  id: '6f1d2c3b-4a59-4e8f-9a0b-1c2d3e4f5a6b',
  patientId: '0b5e6a4e-5d3f-4a52-9a0e-8f5f3f1a2b01',
  kind: 'infusion',
  status: 'booked',
  start: '2026-06-01T13:00:00.000Z',
  end: '2026-06-01T14:30:00.000Z',
  chair: 2,
  referralId: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a',
  seriesId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  createdAt: '2026-05-20T10:00:00.000Z',
};

describe('appointment mapping', () => {
  it('gives an infusion of a series as a booked Appointment with the patient, its chair and the referral', () => {
    const { resource, syncIdentifier, status } = toFhirAppointment(infusion);
    expect(() => validateResource(resource)).not.toThrow();
    expect(syncIdentifier).toEqual({ system: KETA_SYSTEMS.appointment, value: infusion.id });
    expect(status).toBe('booked');
    expect(resource).toMatchObject({
      resourceType: 'Appointment', id: infusion.id, identifier: [{ system: 'urn:keta:appointment', value: infusion.id }], status: 'booked',
      start: infusion.start, end: infusion.end, minutesDuration: 90, basedOn: [{ reference: `ServiceRequest/${infusion.referralId}` }],
      serviceType: [{ coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '96365' }] }],
      appointmentType: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0276', code: 'FOLLOWUP' }] },
      participant: [
        { actor: { reference: `Patient/${infusion.patientId}` }, required: 'required', status: 'accepted' },
        { actor: { type: 'Location', display: 'Chair 2' }, required: 'required', status: 'accepted' },
      ],
    });
  });

  it.each([
    ['booked', 'booked'], ['cancelled', 'cancelled'], ['no-show', 'noshow'], ['checked-in', 'checked-in'], ['completed', 'fulfilled'],
  ] as const)('maps the clinic status %s to R4 %s', (clinic, fhir) => {
    expect(toFhirAppointment({ ...infusion, status: clinic }).resource.status).toBe(fhir);
  });

  it('gives a consultation no chair and no referral, and a cancelled visit its reason', () => {
    const { chair: _chair, referralId: _referralId, seriesId: _seriesId, ...rest } = infusion;
    const { resource } = toFhirAppointment({ ...rest, kind: 'consultation', status: 'cancelled', cancelationReason: 'Patient asked to move it' });
    expect(resource.participant).toEqual([{ actor: { reference: `Patient/${infusion.patientId}` }, required: 'required', status: 'accepted' }]);
    expect(resource.basedOn).toBeUndefined();
    expect(resource.cancelationReason).toEqual({ text: 'Patient asked to move it' });
    expect(resource.appointmentType?.coding?.[0]?.code).toBe('ROUTINE');
  });

  it('gives a valid R4 Appointment for every kind, status, chair and time', () => {
    const at = fc.date({ min: new Date('2024-01-01'), max: new Date('2030-01-01'), noInvalidDate: true });
    const record = fc.record({
      id: fc.uuid(), patientId: fc.uuid(), kind: fc.constantFrom(...APPOINTMENT_KINDS), status: fc.constantFrom(...APPOINTMENT_STATUSES),
      start: at, minutes: fc.integer({ min: 30, max: 300 }), chair: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
      referralId: fc.option(fc.uuid(), { nil: undefined }), cancelationReason: fc.option(fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== ''), { nil: undefined }),
    });
    fc.assert(fc.property(record, ({ start, minutes, chair, referralId, cancelationReason, ...rest }) => {
      const { resource } = toFhirAppointment({
        ...rest, start: start.toISOString(), end: new Date(start.getTime() + minutes * 60_000).toISOString(), createdAt: start.toISOString(),
        ...(chair ? { chair } : {}), ...(referralId ? { referralId } : {}), ...(cancelationReason ? { cancelationReason } : {}),
      });
      expect(() => validateResource(resource)).not.toThrow();
    }), { numRuns: 200 });
  });
});
