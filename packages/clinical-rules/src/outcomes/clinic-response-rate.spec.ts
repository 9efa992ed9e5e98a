import fc from 'fast-check';
import { clinicResponseRate, RESPONSE_RATE_CONTEXT, type SeriesOutcome } from './clinic-response-rate';
import { issuesOf } from '../../test/issues-of';


describe('clinicResponseRate', () => {
  it('gives zeros and null rates (not NaN) for no series', () => {
    expect(clinicResponseRate([])).toEqual({
      series: 0, responders: 0, responseRate: null, remissions: 0, remissionRate: null, context: RESPONSE_RATE_CONTEXT,
    });
  });

  it.each([
    ['one responder in remission', [{ instrument: 'phq9', baseline: 20, final: 4 }], 1, 1, 1, 1],
    ['a partial response is not a response', [{ instrument: 'phq9', baseline: 20, final: 12 }], 0, 0, 0, 0],
    ['remission without response (a low baseline)', [{ instrument: 'phq9', baseline: 6, final: 4 }], 0, 0, 1, 1],
    [
      'PHQ-9 and GAD-7 together',
      [
        { instrument: 'phq9', baseline: 20, final: 10 },
        { instrument: 'phq9', baseline: 18, final: 3 },
        { instrument: 'gad7', baseline: 15, final: 12 },
        { instrument: 'gad7', baseline: 12, final: 14 },
      ],
      2, 0.5, 1, 0.25,
    ],
    ['an all-zero series', [{ instrument: 'gad7', baseline: 0, final: 0 }], 0, 0, 1, 1],
  ] as const)('%s', (_, series, responders, responseRate, remissions, remissionRate) => {
    expect(clinicResponseRate(series)).toMatchObject({ series: series.length, responders, responseRate, remissions, remissionRate });
  });

  it("carries seed 004's figures as context, not as a target", () => {
    expect(clinicResponseRate([]).context.map((c) => [c.rate, c.source])).toEqual([
      [0.82, { kind: 'seed', file: '004_abb7f8e027270934.txt', section: 'How well does ketamine therapy work?' }],
      [0.7, { kind: 'seed', file: '004_abb7f8e027270934.txt', section: 'How well does ketamine therapy work?' }],
    ]);
  });

  it.each([
    [[{ instrument: 'phq9', baseline: 20, final: 4 }, { instrument: 'gad7', baseline: 20, final: 22 }], 'series.1.final'],
    [[{ instrument: 'phq9', baseline: -1, final: 4 }], 'series.0.baseline'],
    [[{ instrument: 'phq9', baseline: 20 }], 'series.0.final'],
    [[{ instrument: 'bdi', baseline: 20, final: 4 }], 'series.0.instrument'],
  ])('%j raises a validation error naming %s', (series, field) => {
    expect(issuesOf(() => clinicResponseRate(series as SeriesOutcome[])).map((i) => i.field)).toEqual([field]);
  });

  it('property: the order of the series does not matter, and rates stay within 0-1', () => {
    const outcome = fc.oneof(
      fc.record({ instrument: fc.constant('phq9' as const), baseline: fc.integer({ min: 0, max: 27 }), final: fc.integer({ min: 0, max: 27 }) }),
      fc.record({ instrument: fc.constant('gad7' as const), baseline: fc.integer({ min: 0, max: 21 }), final: fc.integer({ min: 0, max: 21 }) }),
    );
    fc.assert(fc.property(fc.array(outcome, { minLength: 1, maxLength: 30 }), (series) => {
      const result = clinicResponseRate(series);
      expect(clinicResponseRate([...series].reverse())).toEqual(result);
      expect(result.responseRate).toBeGreaterThanOrEqual(0);
      expect(result.remissionRate).toBeLessThanOrEqual(1);
    }));
  });
});
