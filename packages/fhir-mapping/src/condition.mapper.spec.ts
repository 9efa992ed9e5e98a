import type { ConditionRecord } from '@keta/domain';
import { validateResource } from '@medplum/core';
import type { Condition } from '@medplum/fhirtypes';
import { fields } from '../test/inbound-bundle';
import { indexFhirDefinitions } from '../test/fhir-definitions';
import { toFhirCondition } from './condition.mapper';
import { fromFhirCondition } from './condition.reader';
import { KETA_SYSTEMS } from './identifier-systems';
import { PART2_LABELS } from './security-labels';

beforeAll(indexFhirDefinitions);

const record: ConditionRecord = {
  id: '2f4c6e80-1111-4a2b-9c3d-4e5f6a7b8c9d',
  patientId: '0b5e6a4e-5d3f-4a52-9a0e-8f5f3f1a2b01',
  code: { codings: [{ system: 'http://snomed.info/sct', code: '66590003', display: 'Alcohol dependence' }], text: 'Alcohol dependence' },
  clinicalStatus: 'remission',
  onset: '2019-05-14',
  recordedAt: '2026-11-22T10:00:00.000Z',
  part2: true,
};

describe('Condition mapping', () => {
  it('is a confirmed problem-list Condition with the codes and status given, labelled when it is Part 2 data', () => {
    const { resource, syncIdentifier, status } = toFhirCondition(record);
    expect(() => validateResource(resource)).not.toThrow();
    expect(resource).toMatchObject({
      id: record.id,
      identifier: [{ system: KETA_SYSTEMS.condition, value: record.id }],
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'remission' }] },
      verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }] },
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'problem-list-item' }] }],
      code: { coding: record.code.codings, text: 'Alcohol dependence' },
      subject: { reference: `Patient/${record.patientId}` },
      onsetDateTime: '2019-05-14',
      recordedDate: record.recordedAt,
    });
    expect(resource.meta?.security).toEqual(PART2_LABELS);
    expect([syncIdentifier, status]).toEqual([{ system: KETA_SYSTEMS.condition, value: record.id }, 'remission']);
  });

  it('carries no labels on other data, and no coding when only a name was given', () => {
    const { resource } = toFhirCondition({ ...record, part2: false, code: { codings: [], text: 'Chronic migraine' } });
    expect(() => validateResource(resource)).not.toThrow();
    expect(resource.meta).toBeUndefined();
    expect(resource.code).toEqual({ text: 'Chronic migraine' });
  });
});

describe('Condition reading', () => {
  const condition = (extra: Partial<Condition>): Condition => ({ ...toFhirCondition(record).resource, ...extra });

  it('names each element it cannot use', () => {
    expect(fields(() => fromFhirCondition({ resourceType: 'Condition', subject: {} })).map((i) => i.field)).toEqual(['Condition.clinicalStatus', 'Condition.code']);
    expect(fields(() => fromFhirCondition(condition({ clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'cured' }] } })))[0]?.field).toBe('Condition.clinicalStatus');
  });

  it('takes confirmed conditions, or ones with no verification status, and refuses the others', () => {
    expect(fromFhirCondition(condition({ verificationStatus: undefined })).clinicalStatus).toBe('remission');
    for (const code of ['provisional', 'differential', 'refuted']) {
      const unconfirmed = condition({ verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code }] } });
      expect(fields(() => fromFhirCondition(unconfirmed))).toEqual([{ field: 'Condition.verificationStatus', message: 'must be confirmed (or absent): Keta takes confirmed diagnoses only' }]);
    }
  });

  it('keeps only codings with a system and a code, and reads Part 2 labels from meta.security', () => {
    const read = fromFhirCondition(condition({ code: { coding: [{ code: 'F10.20' }, { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'F10.20' }] } }));
    expect(read).toEqual({ code: { codings: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'F10.20' }] }, clinicalStatus: 'remission', onset: '2019-05-14', part2: true });
    expect(fromFhirCondition(condition({ meta: { security: [PART2_LABELS[0]!] } })).part2).toBe(false);
  });
});
