import { INFUSION_ENCOUNTER_STATUSES, type InfusionEncounterRecord } from '@keta/domain';
import type { FieldIssue } from '@keta/errors';
import type { Encounter } from '@medplum/fhirtypes';
import { unreadable } from './read-error';

const idIn = (reference: string | undefined, type: string) => reference?.match(new RegExp(`^${type}/([^/]+)$`))?.[1];

/** An Encounter as an infusion session: its status, the patient, the referral it is based on and the chair time. */
export function fromFhirInfusionEncounter(encounter: Encounter): InfusionEncounterRecord {
  const issues: FieldIssue[] = [];
  const status = INFUSION_ENCOUNTER_STATUSES.find((s) => s === encounter.status);
  if (!status) issues.push({ field: 'Encounter.status', message: `must be one of ${INFUSION_ENCOUNTER_STATUSES.join(', ')}` });
  const patientId = idIn(encounter.subject?.reference, 'Patient');
  if (!patientId) issues.push({ field: 'Encounter.subject', message: 'must reference the Patient' });
  if (!encounter.id) issues.push({ field: 'Encounter.id', message: 'is required' });
  const start = encounter.period?.start;
  if (!start) issues.push({ field: 'Encounter.period.start', message: 'needs when the session starts' });
  const referralRef = encounter.basedOn?.[0]?.reference;
  const referralId = idIn(referralRef, 'ServiceRequest');
  if (referralRef && !referralId) issues.push({ field: 'Encounter.basedOn', message: 'must reference the referral ServiceRequest' });
  if (issues.length) throw unreadable(issues);
  const end = encounter.period?.end;
  return { id: encounter.id!, patientId: patientId!, ...(referralId ? { referralId } : {}), status: status!, start: start!, ...(end ? { end } : {}) };
}
