import { PRESET_NAMES, PRESETS } from '../policy/presets';
import { resolvePolicy } from '../policy/resolve-policy';
import { expectedResponseCheck, type ExpectedResponseInput } from './expected-response';
import { issuesOf } from '../../test/issues-of';


describe('expectedResponseCheck (seed 003: pain by the 3rd or 4th day, mood in 2-3 days)', () => {
  it.each(PRESET_NAMES)('preset %s expects mood by day 3 and pain by day 4 (no page gives other days)', (name) => {
    expect(PRESETS[name].rules.outcomes.expectResponseByDay).toEqual({ mood: 3, pain: 4 });
  });

  it.each([
    ['pain', 3, false, false],
    ['pain', 4, false, true],
    ['pain', 5, false, true],
    ['pain', 4, true, false],
    ['mood', 1, false, false],
    ['mood', 2, false, false],
    ['mood', 3, false, true],
    ['mood', 10, true, false],
  ] as const)('%s, day %i, improved %s -> finding %s', (kind, treatmentDay, improved, expected) => {
    const findings = expectedResponseCheck({ kind, treatmentDay, improved }, PRESETS.default);
    expect(findings.map((f) => f.code)).toEqual(expected ? ['outcome.no-response-by-expected-day'] : []);
  });

  it('is a review, says what was expected by when, and cites seed 003', () => {
    expect(expectedResponseCheck({ kind: 'pain', treatmentDay: 4, improved: false }, PRESETS.default)).toEqual([{
      code: 'outcome.no-response-by-expected-day',
      severity: 'review',
      message: 'No pain relief by treatment day 4 (expected by day 4): review with the treating provider whether to continue, adjust or stop the series.',
      source: { kind: 'seed', file: '003_9a919d07d6b0c099.txt', section: 'If ketamine therapy works for me how soon will I begin to feel better?' },
    }]);
  });

  it("follows a clinic's own day and cites it as clinic-set", () => {
    const policy = resolvePolicy('seed-003', { outcomes: { expectResponseByDay: { mood: 2 } } });
    const [finding] = expectedResponseCheck({ kind: 'mood', treatmentDay: 2, improved: false }, policy);
    expect(finding?.message).toContain('No mood improvement by treatment day 2 (expected by day 2)');
    expect(finding?.source).toEqual({ kind: 'clinic-default', note: 'adjusted by the clinic' });
  });

  it.each([
    [{ kind: 'pain', treatmentDay: 0, improved: false }, 'treatmentDay'],
    [{ kind: 'pain', treatmentDay: 2.5, improved: false }, 'treatmentDay'],
    [{ kind: 'sleep', treatmentDay: 2, improved: false }, 'kind'],
    [{ kind: 'mood', treatmentDay: 2 }, 'improved'],
  ])('%j raises a validation error naming %s', (input, field) => {
    expect(issuesOf(() => expectedResponseCheck(input as ExpectedResponseInput, PRESETS.default)).map((i) => i.field)).toEqual([field]);
  });
});
