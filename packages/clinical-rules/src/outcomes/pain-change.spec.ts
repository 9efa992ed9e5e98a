import { painChange, type PainChangeInput } from './pain-change';
import { issuesOf } from '../../test/issues-of';


describe('painChange (seed 003: arrive over 7, discharge around 3 on the 0-10 scale)', () => {
  it.each([
    [8, 3, -5, true],
    [10, 0, -10, true],
    [9, 2, -7, true],
    // The edges: "over seven" excludes 7; "around 3" is read as 3 or below.
    [7, 3, -4, false],
    [8, 4, -4, false],
    [5, 5, 0, false],
    [0, 0, 0, false],
    [3, 6, 3, false],
  ])('arrival %i, discharge %i: change %i, seed picture %s', (arrival, discharge, change, meetsSeedPicture) => {
    expect(painChange({ arrival, discharge })).toEqual({
      change,
      meetsSeedPicture,
      source: { kind: 'seed', file: '003_9a919d07d6b0c099.txt', section: expect.stringContaining('migraine') },
    });
  });

  it.each([
    [{ arrival: 11, discharge: 3 }, 'arrival'],
    [{ arrival: 8, discharge: -1 }, 'discharge'],
    [{ arrival: 7.5, discharge: 3 }, 'arrival'],
    [{ arrival: 8, discharge: Number.NaN }, 'discharge'],
    [{ arrival: 8 }, 'discharge'],
  ])('%j raises a validation error naming %s', (input, field) => {
    expect(issuesOf(() => painChange(input as PainChangeInput)).map((i) => i.field)).toEqual([field]);
  });
});
