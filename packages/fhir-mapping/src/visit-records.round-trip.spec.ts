import {
  ADVERSE_EFFECTS, INFUSION_ADMINISTRATION_STATUSES, INFUSION_ENCOUNTER_STATUSES, INSTRUMENTS, INSTRUMENT_ITEM_COUNTS, KETAMINE_CONCENTRATIONS,
  type AdverseEffectRecord, type ConsentRecord, type InfusionAdministrationRecord, type InfusionEncounterRecord, type QuestionnaireResponseRecord,
} from '@keta/domain';
import { validateResource } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { indexFhirDefinitions } from '../test/fhir-definitions';
import { toFhirAdverseEffect } from './adverse-effect.mapper';
import { fromFhirAdverseEffect } from './adverse-effect.reader';
import { toFhirConsent } from './consent.mapper';
import { fromFhirConsent } from './consent.reader';
import { toFhirInfusionAdministration } from './infusion-administration.mapper';
import { fromFhirInfusionAdministration } from './infusion-administration.reader';
import { toFhirInfusionEncounter } from './infusion-encounter.mapper';
import { fromFhirInfusionEncounter } from './infusion-encounter.reader';
import { toFhirQuestionnaireResponse, toFhirQuestionnaireScore } from './questionnaire-response.mapper';
import { fromFhirQuestionnaireResponse } from './questionnaire-response.reader';

beforeAll(indexFhirDefinitions);

const RUNS = { numRuns: 300 };
const at = fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true });
const instant = at.map((d) => d.toISOString());
const words = fc.array(fc.stringMatching(/^[A-Za-z0-9]{1,10}$/), { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
/** A start and, unless left open, an end 5 min to 3 h later. */
const period = fc.record({ start: at, minutes: fc.option(fc.integer({ min: 5, max: 180 }), { nil: undefined }) })
  .map(({ start, minutes }) => ({ start: start.toISOString(), ...(minutes ? { end: new Date(start.getTime() + minutes * 60_000).toISOString() } : {}) }));
const mg = (max: number) => fc.integer({ min: 1, max: max * 10 }).map((tenths) => tenths / 10);

/** fast-check builds records without a prototype; the readers build plain objects, which toStrictEqual tells apart. */
const plain = <T>(record: T): T => structuredClone(record);
const valid = (resource: Resource) => expect(() => validateResource(resource)).not.toThrow();

const consent: fc.Arbitrary<ConsentRecord> = fc.tuple(
  fc.record({ id: fc.uuid(), patientId: fc.uuid(), signedAt: instant, documentId: fc.uuid(), expiresOn: instant.map((i) => i.slice(0, 10)) }, { requiredKeys: ['id', 'patientId', 'signedAt'] }),
  fc.oneof(
    fc.constant({ kind: 'treatment' as const }),
    fc.record({ kind: fc.constant('privacy' as const), recipient: fc.record({ name: words, url: fc.webUrl() }, { requiredKeys: ['name'] }), coversPart2: fc.boolean() }),
  ),
  fc.oneof(fc.constant({ status: 'active' as const }), fc.record({ status: fc.constant('revoked' as const), revokedAt: instant })),
).map(([base, terms, state]) => plain({ ...base, ...terms, ...state }));

const encounter: fc.Arbitrary<InfusionEncounterRecord> = fc.tuple(
  fc.record({ id: fc.uuid(), patientId: fc.uuid(), referralId: fc.uuid(), status: fc.constantFrom(...INFUSION_ENCOUNTER_STATUSES) }, { requiredKeys: ['id', 'patientId', 'status'] }),
  period,
).map(([record, when]) => plain({ ...record, ...when }));

const administration: fc.Arbitrary<InfusionAdministrationRecord> = fc.tuple(
  fc.record({
    id: fc.uuid(), patientId: fc.uuid(), encounterId: fc.uuid(), status: fc.constantFrom(...INFUSION_ADMINISTRATION_STATUSES),
    concentrationMgPerMl: fc.constantFrom(...KETAMINE_CONCENTRATIONS), doseMg: mg(200), rateMgPerHour: mg(300),
    lotNumber: fc.stringMatching(/^[A-Z0-9]{4,12}$/), statusReason: words, weightMeasurementId: fc.uuid(),
  }, { requiredKeys: ['id', 'patientId', 'encounterId', 'status', 'concentrationMgPerMl', 'doseMg'] }),
  period,
).map(([record, when]) => plain({ ...record, ...when }));

const adverseEffect: fc.Arbitrary<AdverseEffectRecord> = fc.record({
  id: fc.uuid(), patientId: fc.uuid(), encounterId: fc.uuid(), administrationId: fc.uuid(),
  effect: fc.constantFrom(...ADVERSE_EFFECTS), occurredAt: instant, serious: fc.boolean(),
}, { requiredKeys: ['id', 'patientId', 'encounterId', 'effect', 'occurredAt', 'serious'] }).map(plain);

const questionnaire: fc.Arbitrary<QuestionnaireResponseRecord> = fc.constantFrom(...INSTRUMENTS).chain((instrument) => fc.record({
  id: fc.uuid(), scoreId: fc.uuid(), patientId: fc.uuid(), encounterId: fc.uuid(), instrument: fc.constant(instrument),
  answers: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: INSTRUMENT_ITEM_COUNTS[instrument], maxLength: INSTRUMENT_ITEM_COUNTS[instrument] }),
  authoredAt: instant,
}, { requiredKeys: ['id', 'scoreId', 'patientId', 'instrument', 'answers', 'authoredAt'] })).filter((r) => r.scoreId !== r.id).map(plain);

describe('visit records: domain → FHIR → domain', () => {
  it('gives every consent back from a valid Consent', () => {
    fc.assert(fc.property(consent, (record) => {
      const { resource } = toFhirConsent(record);
      valid(resource);
      expect(fromFhirConsent(resource)).toStrictEqual(record);
    }), RUNS);
  });

  it('gives every infusion session back from a valid Encounter', () => {
    fc.assert(fc.property(encounter, (record) => {
      const { resource } = toFhirInfusionEncounter(record);
      valid(resource);
      expect(fromFhirInfusionEncounter(resource)).toStrictEqual(record);
    }), RUNS);
  });

  it('gives every ketamine administration back from a valid MedicationAdministration', () => {
    fc.assert(fc.property(administration, (record) => {
      const { resource } = toFhirInfusionAdministration(record);
      valid(resource);
      expect(fromFhirInfusionAdministration(resource)).toStrictEqual(record);
    }), RUNS);
  });

  it('gives every adverse effect back from a valid AdverseEvent', () => {
    fc.assert(fc.property(adverseEffect, (record) => {
      const { resource } = toFhirAdverseEffect(record);
      valid(resource);
      expect(fromFhirAdverseEffect(resource)).toStrictEqual(record);
    }), RUNS);
  });

  it('gives every PHQ-9 and GAD-7 back from a valid QuestionnaireResponse and score Observation', () => {
    fc.assert(fc.property(questionnaire, (record) => {
      const response = toFhirQuestionnaireResponse(record).resource;
      const score = toFhirQuestionnaireScore(record).resource;
      valid(response);
      valid(score);
      expect(fromFhirQuestionnaireResponse(response, score)).toStrictEqual(record);
    }), RUNS);
  });
});
