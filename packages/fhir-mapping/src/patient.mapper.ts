import type { PatientRecord } from '@keta/domain';
import type { Patient } from '@medplum/fhirtypes';
import { KETA_SYSTEMS } from './identifier-systems';
import type { ProjectedResource } from './projected-resource';

/** Patient: Keta's identifier first, then the ones the referrer gave (e.g. their MRN). */
export function toFhirPatient({ id, demographics: d }: PatientRecord): ProjectedResource<Patient> {
  const own = { system: KETA_SYSTEMS.patient, value: id };
  const telecom = [
    ...(d.phone ? [{ system: 'phone' as const, value: d.phone }] : []),
    ...(d.email ? [{ system: 'email' as const, value: d.email }] : []),
  ];
  const resource: Patient & { id: string } = {
    resourceType: 'Patient',
    id,
    identifier: [own, ...d.identifiers],
    active: true,
    name: [{ use: 'official', family: d.name.family, given: d.name.given }],
    gender: d.sex,
    birthDate: d.birthDate,
    ...(telecom.length ? { telecom } : {}),
  };
  return { resource, patientId: id, syncIdentifier: own, status: 'active' };
}
