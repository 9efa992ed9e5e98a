import { ICD10CM, SNOMED, ok, unverified, type CodedConcept } from './coded-concept';
import { matchConcept, matchesName } from './match-concept';

const concept: CodedConcept = {
  codes: [ok(SNOMED, '77386006'), unverified(SNOMED, '69322001')],
  prefixes: [{ system: ICD10CM, prefix: 'O' }],
  names: [/\bpregnan(t|cy)\b/, /^lamictal/],
};

describe('matchConcept', () => {
  it.each([
    [{ system: SNOMED, code: '77386006' }, { by: 'code', unverifiedCode: false }],
    [{ system: SNOMED, code: '69322001' }, { by: 'code', unverifiedCode: true }],
    [{ system: ICD10CM, code: 'O09.90' }, { by: 'code', unverifiedCode: false }],
    [{ system: ICD10CM, code: '77386006', name: 'Pregnancy, incidental' }, { by: 'name', unverifiedCode: false }],
  ])('%j matches as %j', (item, expected) => {
    expect(matchConcept(concept, item)).toEqual(expected);
  });

  it.each([
    [{ system: ICD10CM, code: '77386006' }],
    [{ system: SNOMED, code: 'O09.90' }],
    [{ system: ICD10CM }],
    [{ system: ICD10CM, code: 'F32.1', name: 'Major depression' }],
    [{}],
  ])('%j does not match', (item) => {
    expect(matchConcept(concept, item)).toBeUndefined();
  });

  it('matches a concept without prefixes by code only', () => {
    expect(matchConcept({ codes: [ok(SNOMED, '1')], names: [] }, { system: SNOMED, code: '2' })).toBeUndefined();
  });
});

describe('matchesName', () => {
  it.each([
    ['Lamictal XR 25mg', true],
    ['LAMICTAL', true],
    ['lamictal100mg', true],
    ['Currently pregnant (12 weeks)', true],
    ['Not a lamictal user', true],
    ['mg', false],
    ['Xlamictal', false],
    ['', false],
  ])('%s → %s', (name, expected) => {
    expect(matchesName(concept, name)).toBe(expected);
  });
});
