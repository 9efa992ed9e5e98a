import type { HomeMedicationFormat } from '@keta/domain';
import type { DetectedIssue, MedicationStatement, Resource } from '@medplum/fhirtypes';
import { toFhirReportedMedicationRequest } from './home-medication.mapper';
import { fromFhirHomeMedication } from './home-medication.reader';
import { referencedId } from './reference-id';

type Projected = Resource & { id: string };

/**
 * The projection keeps home medications as MedicationStatement; an EHR whose connection follows US Core
 * receives each as a reported MedicationRequest (same id and identifiers), and findings implicate that.
 */
export function asConnectionReceives(resource: Projected, format: HomeMedicationFormat): Projected {
  if (format === 'medication-statement') return resource;
  if (resource.resourceType === 'MedicationStatement') return asReportedRequest(resource);
  if (resource.resourceType === 'DetectedIssue') return implicatingRequests(resource);
  return resource;
}

/** The type a record of the projection reaches the EHR as, for references to it from later Bundles. */
export function typeAsReceived(resourceType: string, format: HomeMedicationFormat): string {
  return format === 'us-core-medication-request' && resourceType === 'MedicationStatement' ? 'MedicationRequest' : resourceType;
}

function asReportedRequest(statement: MedicationStatement & { id: string }): Projected {
  const patientId = referencedId(statement.subject, 'Patient') ?? '';
  const record = { id: statement.id, patientId, recordedAt: statement.dateAsserted ?? '', ...fromFhirHomeMedication(statement) };
  return toFhirReportedMedicationRequest(record).resource;
}

function implicatingRequests(issue: DetectedIssue & { id: string }): Projected {
  const implicated = issue.implicated?.map((ref) => {
    const id = referencedId(ref, 'MedicationStatement');
    return id ? { ...ref, reference: `MedicationRequest/${id}` } : ref;
  });
  return { ...issue, ...(implicated ? { implicated } : {}) };
}
