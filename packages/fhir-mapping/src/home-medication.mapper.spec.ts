import type { HomeMedicationRecord } from '@keta/domain';
import { validateResource } from '@medplum/core';
import type { MedicationRequest, MedicationStatement } from '@medplum/fhirtypes';
import { fields } from '../test/inbound-bundle';
import { indexFhirDefinitions } from '../test/fhir-definitions';
import { toFhirHomeMedication, toFhirMedicationStatement, toFhirReportedMedicationRequest } from './home-medication.mapper';
import { fromFhirHomeMedication } from './home-medication.reader';
import { KETA_SYSTEMS } from './identifier-systems';

beforeAll(indexFhirDefinitions);

const record: HomeMedicationRecord = {
  id: '3a5b7c9d-2222-4b3c-8d4e-5f6a7b8c9d0e',
  patientId: '0b5e6a4e-5d3f-4a52-9a0e-8f5f3f1a2b01',
  rxnorm: '197901',
  name: 'lorazepam 1 MG Oral Tablet',
  status: 'active',
  dosage: '1 tablet at night',
  recordedAt: '2026-11-22T10:00:00.000Z',
};
const drug = { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '197901' }], text: 'lorazepam 1 MG Oral Tablet' };
const common = { id: record.id, identifier: [{ system: KETA_SYSTEMS.homeMedication, value: record.id }], status: 'active', medicationCodeableConcept: drug, subject: { reference: `Patient/${record.patientId}` } };

describe('home medication mapping', () => {
  it('gives a MedicationStatement: RxNorm code, name as text, status, dosage text, asserted when recorded', () => {
    const { resource } = toFhirMedicationStatement(record);
    expect(() => validateResource(resource)).not.toThrow();
    expect(resource).toEqual({ resourceType: 'MedicationStatement', ...common, dateAsserted: record.recordedAt, dosage: [{ text: '1 tablet at night' }] });
  });

  it('gives US Core EHRs a reported MedicationRequest: intent plan, category community (DOMAIN.md §2.5)', () => {
    const { resource } = toFhirReportedMedicationRequest(record);
    expect(() => validateResource(resource)).not.toThrow();
    expect(resource).toEqual({
      resourceType: 'MedicationRequest', ...common, intent: 'plan', reportedBoolean: true,
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/medicationrequest-category', code: 'community', display: 'Community' }] }],
      authoredOn: record.recordedAt, dosageInstruction: [{ text: '1 tablet at night' }],
    });
  });

  it('sends the form the connection receives, with one identifier for both', () => {
    expect(toFhirHomeMedication(record, 'medication-statement').resource.resourceType).toBe('MedicationStatement');
    const request = toFhirHomeMedication(record, 'us-core-medication-request');
    expect(request.resource.resourceType).toBe('MedicationRequest');
    expect(request.syncIdentifier).toEqual(toFhirMedicationStatement(record).syncIdentifier);
  });

  it('names the drug by text alone when it has no RxNorm code', () => {
    const { rxnorm: _rxnorm, ...uncoded } = record;
    expect(toFhirMedicationStatement(uncoded).resource.medicationCodeableConcept).toEqual({ text: 'lorazepam 1 MG Oral Tablet' });
  });
});

describe('home medication reading', () => {
  const statement = (extra: Partial<MedicationStatement>): MedicationStatement => ({ ...toFhirMedicationStatement(record).resource, ...extra });

  it('reads a prescribed MedicationRequest too, joining its dosage texts', () => {
    const prescribed: MedicationRequest = {
      resourceType: 'MedicationRequest', status: 'on-hold', intent: 'order', subject: { reference: 'Patient/p1' }, medicationCodeableConcept: drug,
      dosageInstruction: [{ text: '1 mg' }, { timing: {} }, { text: 'at night' }],
    };
    expect(fromFhirHomeMedication(prescribed)).toEqual({ rxnorm: '197901', name: 'lorazepam 1 MG Oral Tablet', status: 'on-hold', dosage: '1 mg; at night' });
  });

  it('names the drug from a coding display, else as "RxNorm <code>", when there is no text', () => {
    const coded = (display?: string) => statement({ medicationCodeableConcept: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '197901', display }] } });
    expect(fromFhirHomeMedication(coded('Lorazepam 1 MG')).name).toBe('Lorazepam 1 MG');
    expect(fromFhirHomeMedication(coded()).name).toBe('RxNorm 197901');
  });

  it('names each element it cannot use', () => {
    expect(fields(() => fromFhirHomeMedication(statement({ medicationCodeableConcept: undefined, medicationReference: { reference: 'Medication/m1' }, status: 'not-taken' }))).map((i) => i.field))
      .toEqual(['MedicationStatement.medicationCodeableConcept', 'MedicationStatement.status']);
    expect(fields(() => fromFhirHomeMedication(statement({ medicationCodeableConcept: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: 'N02BE01' }], text: 'x' } }))))
      .toEqual([{ field: 'MedicationStatement.medicationCodeableConcept.coding', message: 'has an RxNorm coding whose code is not an RxCUI (1-10 digits)' }]);
    expect(fields(() => fromFhirHomeMedication(statement({ medicationCodeableConcept: { coding: [{ system: 'http://example.org', code: 'x' }] } })))[0]?.message)
      .toBe('needs an RxNorm code or the medication\'s name');
  });
});
