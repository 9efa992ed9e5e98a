import type { HomeMedicationRecord, ScreeningFindingRecord } from '@keta/domain';
import { validateResource } from '@medplum/core';
import { indexFhirDefinitions } from '../test/fhir-definitions';
import { asConnectionReceives, typeAsReceived } from './connection-format';
import { toFhirMedicationStatement, toFhirReportedMedicationRequest } from './home-medication.mapper';
import { toFhirDetectedIssue } from './screening-finding.mapper';

beforeAll(indexFhirDefinitions);

const medication: HomeMedicationRecord = {
  id: '3a5b7c9d-2222-4b3c-8d4e-5f6a7b8c9d0e', patientId: '0b5e6a4e-5d3f-4a52-9a0e-8f5f3f1a2b01', rxnorm: '197901', name: 'lorazepam 1 MG Oral Tablet',
  status: 'active', dosage: '1 mg at night', identifiers: [{ system: 'http://harbor.example/med', value: 'M-1' }], recordedAt: '2026-11-20T09:00:00.000Z',
};
const finding: ScreeningFindingRecord = {
  id: '5c7d9e1f-4444-4d5e-8f6a-7b8c9d0e1f2a', patientId: medication.patientId, referralId: '7c1d2e3f-1111-4c2d-8e9f-0a1b2c3d4e5f',
  code: 'medication.benzodiazepine', severity: 'warn', message: 'Lorazepam is a benzodiazepine.', source: 'DOMAIN.md §4.5',
  medicationId: medication.id, identifiedAt: '2026-11-20T09:05:00.000Z',
};

describe('what a connection receives', () => {
  it('gives a US Core EHR the home medication as the reported MedicationRequest its mapper makes', () => {
    const sent = asConnectionReceives(toFhirMedicationStatement(medication).resource, 'us-core-medication-request');
    expect(sent).toEqual(toFhirReportedMedicationRequest(medication).resource);
    expect(() => validateResource(sent)).not.toThrow();
    expect(typeAsReceived('MedicationStatement', 'us-core-medication-request')).toBe('MedicationRequest');
  });

  it('points a finding at that MedicationRequest', () => {
    const sent = asConnectionReceives(toFhirDetectedIssue(finding).resource, 'us-core-medication-request');
    expect(sent).toMatchObject({ implicated: [{ reference: `MedicationRequest/${medication.id}` }] });
  });

  it('leaves everything as it is for a MedicationStatement EHR, and other types for any EHR', () => {
    const statement = toFhirMedicationStatement(medication).resource;
    expect(asConnectionReceives(statement, 'medication-statement')).toBe(statement);
    const issue = toFhirDetectedIssue({ ...finding, medicationId: undefined }).resource;
    expect(asConnectionReceives(issue, 'us-core-medication-request')).toEqual(issue);
    expect(typeAsReceived('MedicationStatement', 'medication-statement')).toBe('MedicationStatement');
    expect(typeAsReceived('Condition', 'us-core-medication-request')).toBe('Condition');
  });
});
