import fc from 'fast-check';
import { assessResponse, type ResponseInput } from './assess-response';
import { issuesOf } from '../../test/issues-of';


describe('assessResponse (DOMAIN.md §4.1: response >= 50 %, partial 25-50 %, remission < 5)', () => {
  it.each([
    // instrument, baseline, current, change, percentChange, category, remission
    ['phq9', 20, 10, -10, -50, 'response', false],
    ['phq9', 20, 11, -9, -45, 'partial', false],
    ['phq9', 20, 15, -5, -25, 'partial', false],
    ['phq9', 20, 16, -4, -20, 'none', false],
    ['phq9', 20, 20, 0, 0, 'none', false],
    ['phq9', 20, 21, 1, 5, 'worse', false],
    ['phq9', 20, 5, -15, -75, 'response', false],
    ['phq9', 20, 4, -16, -80, 'response', true],
    ['phq9', 27, 0, -27, -100, 'response', true],
    ['phq9', 3, 2, -1, -33.3, 'partial', true],
    ['phq9', 9, 4, -5, -55.6, 'response', true],
    // A baseline of 0 cannot fall: no percentage, 'none' while it stays 0, 'worse' once it rises.
    ['phq9', 0, 0, 0, null, 'none', true],
    ['phq9', 0, 3, 3, null, 'worse', true],
    ['phq9', 0, 5, 5, null, 'worse', false],
    ['gad7', 16, 8, -8, -50, 'response', false],
    ['gad7', 16, 4, -12, -75, 'response', true],
    ['gad7', 21, 16, -5, -23.8, 'none', false],
    ['gad7', 12, 9, -3, -25, 'partial', false],
  ] as const)('%s %i -> %i: change %i (%s %%), %s, remission %s', (instrument, baseline, current, change, percentChange, category, remission) => {
    expect(assessResponse({ instrument, baseline, current })).toMatchObject({ change, percentChange, category, remission });
  });

  it('cites DOMAIN.md for PHQ-9 and calls the GAD-7 cut-offs clinic-set', () => {
    expect(assessResponse({ instrument: 'phq9', baseline: 20, current: 4 }).sources).toEqual({
      category: { kind: 'domain', section: expect.stringContaining('§4.1') },
      remission: { kind: 'domain', section: expect.stringContaining('§4.1') },
    });
    expect(assessResponse({ instrument: 'gad7', baseline: 20, current: 4 }).sources).toEqual({
      category: { kind: 'clinic-default', note: expect.stringContaining('GAD-7') },
      remission: { kind: 'clinic-default', note: expect.stringContaining('GAD-7') },
    });
  });

  it.each([
    ['a PHQ-9 total of 28', { instrument: 'phq9', baseline: 28, current: 0 }, 'baseline'],
    ['a GAD-7 total of 22', { instrument: 'gad7', baseline: 10, current: 22 }, 'current'],
    ['a fractional total', { instrument: 'phq9', baseline: 10.5, current: 0 }, 'baseline'],
    ['a negative total', { instrument: 'phq9', baseline: 10, current: -1 }, 'current'],
    ['NaN', { instrument: 'phq9', baseline: Number.NaN, current: 1 }, 'baseline'],
    ['an unknown instrument', { instrument: 'pcl5', baseline: 10, current: 5 }, 'instrument'],
  ])('%s raises a validation error naming the field', (_, input, field) => {
    expect(issuesOf(() => assessResponse(input as ResponseInput)).map((i) => i.field)).toEqual([field]);
  });

  it('property: a lower current total never gives a worse category', () => {
    const rank = { worse: 0, none: 1, partial: 2, response: 3 };
    fc.assert(fc.property(fc.integer({ min: 0, max: 27 }), fc.integer({ min: 0, max: 26 }), (baseline, current) => {
      const higher = assessResponse({ instrument: 'phq9', baseline, current: current + 1 });
      const lower = assessResponse({ instrument: 'phq9', baseline, current });
      expect(rank[lower.category]).toBeGreaterThanOrEqual(rank[higher.category]);
    }));
  });
});
