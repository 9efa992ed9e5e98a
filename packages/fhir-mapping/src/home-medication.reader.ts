import { HOME_MEDICATION_STATUSES, type HomeMedicationRecord } from '@keta/domain';
import type { FieldIssue } from '@keta/errors';
import type { MedicationRequest, MedicationStatement } from '@medplum/fhirtypes';
import { RXNORM_SYSTEM } from './home-medication.mapper';
import { unreadable } from './read-error';
import { withSenderIdentifiers } from './sender-identifiers';

/** A home medication as Keta keeps it, less what Keta assigns (its id, the patient's id, when Keta recorded it). */
export type HomeMedicationFromFhir = Omit<HomeMedicationRecord, 'id' | 'patientId' | 'recordedAt'>;

/**
 * A MedicationStatement, or a MedicationRequest (reported or prescribed), as a medication the patient takes:
 * the RxNorm code, the name (text, else a coding's display, else "RxNorm <code>"), the status and the dosage
 * texts. A medicationReference is refused: Keta does not resolve Medication resources.
 */
export function fromFhirHomeMedication(resource: MedicationStatement | MedicationRequest): HomeMedicationFromFhir {
  const type = resource.resourceType;
  const issues: FieldIssue[] = [];
  const concept = resource.medicationCodeableConcept;
  const rxnorm = concept?.coding?.find((c) => c.system === RXNORM_SYSTEM);
  const name = concept?.text?.trim() ? concept.text : (rxnorm?.display ?? concept?.coding?.find((c) => c.display)?.display ?? (rxnorm?.code && `RxNorm ${rxnorm.code}`));
  if (!concept) issues.push({ field: `${type}.medicationCodeableConcept`, message: 'needs the medication as a CodeableConcept: Keta does not resolve medicationReference' });
  else if (!name) issues.push({ field: `${type}.medicationCodeableConcept`, message: 'needs an RxNorm code or the medication\'s name' });
  if (rxnorm && !/^\d{1,10}$/.test(rxnorm.code ?? '')) issues.push({ field: `${type}.medicationCodeableConcept.coding`, message: 'has an RxNorm coding whose code is not an RxCUI (1-10 digits)' });
  const status = HOME_MEDICATION_STATUSES.find((s) => s === resource.status);
  if (!status) issues.push({ field: `${type}.status`, message: `must be one of ${HOME_MEDICATION_STATUSES.join(', ')}: whether the patient takes it` });
  if (issues.length) throw unreadable(issues);
  const dosages = type === 'MedicationStatement' ? resource.dosage : resource.dosageInstruction;
  const dosage = (dosages ?? []).flatMap((d) => (d.text?.trim() ? [d.text] : [])).join('; ');
  return { ...(rxnorm ? { rxnorm: rxnorm.code! } : {}), name: name!, status: status!, ...(dosage ? { dosage } : {}), ...withSenderIdentifiers(resource.identifier) };
}
