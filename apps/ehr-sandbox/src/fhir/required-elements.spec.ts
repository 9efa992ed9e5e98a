import type { Resource } from '@medplum/fhirtypes';
import { loadFhirDefinitions } from './fhir-definitions';
import { isTopLevelElement, missingElementIssues } from './required-elements';

const missing = (resource: object, names: string[]) =>
  missingElementIssues(resource as Resource, names).flatMap((issue) => issue.expression ?? []);

describe('required elements', () => {
  beforeAll(() => loadFhirDefinitions());

  it.each<[string, object, string[], string[]]>([
    ['an absent element', { resourceType: 'Patient', gender: 'male' }, ['gender', 'telecom'], ['Patient.telecom']],
    ['an empty array', { resourceType: 'Patient', telecom: [] }, ['telecom'], ['Patient.telecom']],
    ['every absent element, in rule order', { resourceType: 'Patient' }, ['telecom', 'gender'], ['Patient.telecom', 'Patient.gender']],
    ['a choice element in any of its types', { resourceType: 'Patient', deceasedDateTime: '2020-01-01' }, ['deceased'], []],
    ['a choice element in none', { resourceType: 'Observation', status: 'final' }, ['value'], ['Observation.value']],
    ['a false boolean, which is present', { resourceType: 'Patient', active: false }, ['active'], []],
    ['no rules', { resourceType: 'Patient' }, [], []],
  ])('finds %s', (_case, resource, names, expressions) => {
    expect(missing(resource, names)).toEqual(expressions);
  });

  it('says what is missing without echoing any value', () => {
    const [issue] = missingElementIssues({ resourceType: 'Patient', name: [{ family: 'Privatename' }] }, ['telecom']);
    expect(issue).toEqual({
      severity: 'error',
      code: 'required',
      details: { text: 'Required element missing' },
      diagnostics: 'Patient.telecom is required by this EHR and is missing',
      expression: ['Patient.telecom'],
    });
  });

  it.each<[string, boolean]>([
    ['gender', true],
    ['deceased', true],
    ['id', true],
    ['deceased[x]', false],
    ['deceasedBoolean', false],
    ['name.family', false],
    ['Gender', false],
    ['favouriteColour', false],
    ['resourceType', false],
  ])('knows whether %s is a top-level element of Patient (%s)', (name, known) => {
    expect(isTopLevelElement('Patient', name)).toBe(known);
  });
});
