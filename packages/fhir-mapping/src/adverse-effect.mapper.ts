import type { AdverseEffect, AdverseEffectRecord } from '@keta/domain';
import type { AdverseEvent } from '@medplum/fhirtypes';
import { KETA_SYSTEMS } from './identifier-systems';
import type { ProjectedResource } from './projected-resource';

export const ADVERSE_EFFECT_SYSTEM = KETA_SYSTEMS.adverseEffect;
const SERIOUSNESS = 'http://terminology.hl7.org/CodeSystem/adverse-event-seriousness';

/**
 * How each effect is named in AdverseEvent.event. DOMAIN.md lists no verified code for any of them, so the
 * event is text only; the reader matches this text back.
 */
export const ADVERSE_EFFECT_TEXT: Record<AdverseEffect, string> = {
  nausea: 'Nausea',
  vomiting: 'Vomiting',
  dizziness: 'Dizziness',
  'distressing-dissociation': 'Distressing dissociation',
  hallucinations: 'Hallucinations',
  'unwanted-sensations': 'Unwanted sensations',
  'elevated-blood-pressure': 'Elevated blood pressure',
  'increased-heart-rate': 'Increased heart rate',
};

/**
 * An effect seen in an infusion as an R4 AdverseEvent that happened (actuality actual), its seriousness
 * from the R4 adverse-event-seriousness codes, and the administration as the suspect when known.
 */
export function toFhirAdverseEffect(effect: AdverseEffectRecord): ProjectedResource<AdverseEvent> {
  const own = { system: ADVERSE_EFFECT_SYSTEM, value: effect.id };
  const seriousness = effect.serious ? { code: 'Serious', display: 'Serious' } : { code: 'Non-serious', display: 'Non-serious' };
  const resource: AdverseEvent & { id: string } = {
    resourceType: 'AdverseEvent',
    id: effect.id,
    // R4 AdverseEvent.identifier is 0..1, not a list.
    identifier: own,
    actuality: 'actual',
    event: { text: ADVERSE_EFFECT_TEXT[effect.effect] },
    subject: { reference: `Patient/${effect.patientId}` },
    encounter: { reference: `Encounter/${effect.encounterId}` },
    date: effect.occurredAt,
    seriousness: { coding: [{ system: SERIOUSNESS, ...seriousness }] },
    ...(effect.administrationId ? { suspectEntity: [{ instance: { reference: `MedicationAdministration/${effect.administrationId}` } }] } : {}),
  };
  // AdverseEvent has no status; actuality is the nearest thing the projection can index.
  return { resource, patientId: effect.patientId, syncIdentifier: own, status: 'actual' };
}
