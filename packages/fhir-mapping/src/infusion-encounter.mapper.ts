import type { InfusionEncounterRecord } from '@keta/domain';
import type { CodeableConcept, Encounter } from '@medplum/fhirtypes';
import { KETA_SYSTEMS } from './identifier-systems';
import type { ProjectedResource } from './projected-resource';

const AMBULATORY = { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' };

/**
 * US Core needs a `type` (DOMAIN.md §2.4), and its example uses a CPT code there. CPT 96365 is what the
 * clinic bills for the session: an IV infusion of a drug, initial hour, longer than 15 min (§3.5).
 */
const INFUSION_TYPE: CodeableConcept = {
  coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '96365', display: 'IV infusion for therapy, prophylaxis or diagnosis; initial, up to 1 hour' }],
  text: 'IV ketamine infusion',
};

/** One infusion session as an ambulatory Encounter whose period is the chair time. */
export function toFhirInfusionEncounter(encounter: InfusionEncounterRecord): ProjectedResource<Encounter> {
  const own = { system: KETA_SYSTEMS.infusionEncounter, value: encounter.id };
  const resource: Encounter & { id: string } = {
    resourceType: 'Encounter',
    id: encounter.id,
    identifier: [own],
    status: encounter.status,
    class: AMBULATORY,
    type: [INFUSION_TYPE],
    subject: { reference: `Patient/${encounter.patientId}` },
    ...(encounter.referralId ? { basedOn: [{ reference: `ServiceRequest/${encounter.referralId}` }] } : {}),
    period: { start: encounter.start, ...(encounter.end ? { end: encounter.end } : {}) },
  };
  return { resource, patientId: encounter.patientId, syncIdentifier: own, status: encounter.status };
}
