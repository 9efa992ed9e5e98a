import { INFUSION_ADMINISTRATION_STATUSES, KETAMINE_CONCENTRATIONS, type InfusionAdministrationRecord } from '@keta/domain';
import type { FieldIssue } from '@keta/errors';
import type { CodeableConcept, Medication, MedicationAdministration, Quantity } from '@medplum/fhirtypes';
import { KETAMINE_SCD } from './infusion-administration.mapper';
import { unreadable } from './read-error';

const idIn = (reference: string | undefined, type: string) => reference?.match(new RegExp(`^${type}/([^/]+)$`))?.[1];
const inUcum = (q: Quantity | undefined, unit: string) => (q?.system === 'http://unitsofmeasure.org' && q.code === unit ? q.value : undefined);

/** The drug, inline or as the contained Medication it references (which may carry the lot). */
function drugOf(given: MedicationAdministration): { code?: CodeableConcept; lotNumber?: string } {
  if (given.medicationCodeableConcept) return { code: given.medicationCodeableConcept };
  const local = given.medicationReference?.reference?.replace(/^#/, '');
  const medication = given.contained?.find((r): r is Medication => r.resourceType === 'Medication' && r.id === local);
  return { code: medication?.code, lotNumber: medication?.batch?.lotNumber };
}

/** A MedicationAdministration as an infusion: it must be one of the clinic's ketamine SCDs, dosed in mg (rate in mg/h). */
export function fromFhirInfusionAdministration(given: MedicationAdministration): InfusionAdministrationRecord {
  const issues: FieldIssue[] = [];
  const need = (ok: unknown, field: string, message: string) => ok || issues.push({ field: `MedicationAdministration.${field}`, message });
  const status = INFUSION_ADMINISTRATION_STATUSES.find((s) => s === given.status);
  need(status, 'status', `must be one of ${INFUSION_ADMINISTRATION_STATUSES.join(', ')}`);
  const { code, lotNumber } = drugOf(given);
  const concentrationMgPerMl = KETAMINE_CONCENTRATIONS.find((mgPerMl) =>
    code?.coding?.some((c) => c.system === KETAMINE_SCD[mgPerMl].system && c.code === KETAMINE_SCD[mgPerMl].code));
  need(concentrationMgPerMl, 'medication[x]', 'must be a ketamine injectable solution SCD (RxNorm 238082, 238084 or 238083)');
  const patientId = idIn(given.subject.reference, 'Patient');
  need(patientId, 'subject', 'must reference the Patient');
  const encounterId = idIn(given.context?.reference, 'Encounter');
  need(encounterId, 'context', 'must reference the infusion Encounter');
  need(given.id, 'id', 'is required');
  const start = given.effectivePeriod?.start;
  need(start, 'effectivePeriod.start', 'needs when the infusion started');
  const doseMg = inUcum(given.dosage?.dose, 'mg');
  need(doseMg !== undefined, 'dosage.dose', 'needs the dose in UCUM mg');
  const rate = given.dosage?.rateQuantity;
  const rateMgPerHour = inUcum(rate, 'mg/h');
  need(!rate || rateMgPerHour !== undefined, 'dosage.rateQuantity', 'must be in UCUM mg/h');
  if (issues.length) throw unreadable(issues);
  const { end } = given.effectivePeriod!;
  const statusReason = given.statusReason?.[0]?.text;
  const weightMeasurementId = given.supportingInformation?.map((r) => idIn(r.reference, 'Observation')).find(Boolean);
  return {
    id: given.id!, patientId: patientId!, encounterId: encounterId!, status: status!, concentrationMgPerMl: concentrationMgPerMl!,
    doseMg: doseMg!, ...(rateMgPerHour === undefined ? {} : { rateMgPerHour }), start: start!, ...(end ? { end } : {}),
    ...(lotNumber ? { lotNumber } : {}), ...(statusReason ? { statusReason } : {}), ...(weightMeasurementId ? { weightMeasurementId } : {}),
  };
}
