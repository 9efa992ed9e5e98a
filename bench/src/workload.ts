import { KETA_SYSTEMS, toFhirMeasurement, toFhirPatient, type ProjectedResource } from '@keta/fhir-mapping';
import { randomUUID } from 'node:crypto';

/** One patient's records as the projection holds them: the Patient and `records - 1` vital-sign Observations. */
export function patientRecords(records: number): ProjectedResource[] {
  const id = randomUUID();
  const patient = toFhirPatient({
    id, demographics: { name: { given: ['Bench'], family: `Patient${id.slice(0, 8)}` }, birthDate: '1980-01-01', sex: 'female', identifiers: [] },
  });
  const observations = Array.from({ length: records - 1 }, (_, i) => toFhirMeasurement({
    id: randomUUID(), patientId: id, measurement: { kind: 'heart-rate', perMinute: 60 + i }, effectiveAt: new Date(Date.UTC(2026, 0, 1, 9, i)).toISOString(),
  }));
  return [patient, ...observations];
}

/** The identifier search that finds a record in the EHR. */
export function identifierQuery(item: ProjectedResource): string {
  return `${item.resource.resourceType}?identifier=${encodeURIComponent(`${item.syncIdentifier.system}|${item.syncIdentifier.value}`)}`;
}

export { KETA_SYSTEMS };
