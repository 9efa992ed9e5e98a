import { EhrRules, parseRuleSettings } from './rules';

describe('parseRuleSettings', () => {
  it.each<[object, object]>([
    [{}, { requiredElements: {} }],
    [{ requiredElements: {} }, { requiredElements: {} }],
    [{ requiredElements: { Patient: ['gender', 'telecom', 'gender'] } }, { requiredElements: { Patient: ['gender', 'telecom'] } }],
    [
      { requiredElements: { Patient: ['deceased'], Observation: ['value', 'subject'] } },
      { requiredElements: { Patient: ['deceased'], Observation: ['value', 'subject'] } },
    ],
    [{ requiredElements: { Patient: [] } }, { requiredElements: { Patient: [] } }],
  ])('accepts %j', (input, settings) => {
    expect(parseRuleSettings(input)).toEqual(settings);
  });

  it.each<[unknown, RegExp]>([
    [{ requiredElements: { Nope: ['id'] } }, /Nope is not an R4 resource type/],
    [{ requiredElements: { SubscriptionStatus: ['status'] } }, /not an R4 resource type/],
    [{ requiredElements: { Patient: [''] } }, /Patient must be an array of element names/],
    [{ requiredElements: { Patient: [1] } }, /Patient must be an array/],
    [{ requiredElements: { Patient: 'gender' } }, /Patient must be an array/],
    [{ requiredElements: { Patient: ['favouriteColour'] } }, /favouriteColour is not a top-level element of Patient/],
    [{ requiredElements: { Patient: ['name.family'] } }, /not a top-level element/],
    [{ requiredElements: { Patient: ['deceased[x]'] } }, /not a top-level element/],
    [{ requiredElements: [] }, /requiredElements must be an object/],
    [{ requiredElements: null }, /requiredElements must be an object/],
    [{ requiredElement: {} }, /unknown rule: requiredElement/],
    [[], /expected a JSON object/],
    ['Patient', /expected a JSON object/],
  ])('refuses %j', (input, problem) => {
    expect(parseRuleSettings(input)).toEqual(expect.stringMatching(problem));
  });
});

describe('EhrRules', () => {
  it('answers the required elements of a type until replaced, and none for other types', () => {
    const rules = new EhrRules();
    expect(rules.current()).toEqual({ requiredElements: {} });
    rules.replace({ requiredElements: { Patient: ['gender'] } });
    expect(rules.requiredElements('Patient')).toEqual(['gender']);
    expect(rules.requiredElements('Observation')).toEqual([]);
    expect(rules.current()).toEqual({ requiredElements: { Patient: ['gender'] } });
    rules.replace({ requiredElements: {} });
    expect(rules.requiredElements('Patient')).toEqual([]);
  });

  it('keeps its own copy: changing what was given or answered changes nothing', () => {
    const rules = new EhrRules();
    const given = { requiredElements: { Patient: ['gender'] } };
    rules.replace(given);
    given.requiredElements.Patient.push('telecom');
    rules.current().requiredElements.Patient?.push('name');
    expect(rules.requiredElements('Patient')).toEqual(['gender']);
  });
});
