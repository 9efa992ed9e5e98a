import { ADVERSE_EFFECTS, type AdverseEffectRecord } from '@keta/domain';
import type { FieldIssue } from '@keta/errors';
import type { AdverseEvent } from '@medplum/fhirtypes';
import { ADVERSE_EFFECT_TEXT } from './adverse-effect.mapper';
import { unreadable } from './read-error';

const idIn = (reference: string | undefined, type: string) => reference?.match(new RegExp(`^${type}/([^/]+)$`))?.[1];
const SERIOUS = new Set(['Serious', 'SeriousResultsInDeath', 'SeriousIsLifeThreatening', 'SeriousResultsInHospitalization', 'SeriousResultsInDisability', 'SeriousIsBirthDefect', 'SeriousRequiresPreventImpairment']);

/** An AdverseEvent as one of the effects the clinic tracks, named by the event text (case and spacing aside). */
export function fromFhirAdverseEffect(event: AdverseEvent): AdverseEffectRecord {
  const issues: FieldIssue[] = [];
  const need = (ok: unknown, field: string, message: string) => ok || issues.push({ field: `AdverseEvent.${field}`, message });
  need(event.actuality === 'actual', 'actuality', 'must be actual: Keta records effects that happened');
  const text = event.event?.text?.trim().toLowerCase();
  const effect = ADVERSE_EFFECTS.find((e) => ADVERSE_EFFECT_TEXT[e].toLowerCase() === text);
  need(effect, 'event', `must name one of: ${ADVERSE_EFFECTS.map((e) => ADVERSE_EFFECT_TEXT[e]).join(', ')}`);
  const patientId = idIn(event.subject.reference, 'Patient');
  need(patientId, 'subject', 'must reference the Patient');
  const encounterId = idIn(event.encounter?.reference, 'Encounter');
  need(encounterId, 'encounter', 'must reference the infusion Encounter');
  need(event.id, 'id', 'is required');
  need(event.date, 'date', 'needs when the effect occurred');
  const seriousness = event.seriousness?.coding?.find((c) => c.system === 'http://terminology.hl7.org/CodeSystem/adverse-event-seriousness')?.code;
  need(seriousness, 'seriousness', 'needs an adverse-event-seriousness code');
  if (issues.length) throw unreadable(issues);
  const administrationId = event.suspectEntity?.map((s) => idIn(s.instance.reference, 'MedicationAdministration')).find(Boolean);
  return {
    id: event.id!, patientId: patientId!, encounterId: encounterId!, ...(administrationId ? { administrationId } : {}),
    effect: effect!, occurredAt: event.date!, serious: SERIOUS.has(seriousness!),
  };
}
