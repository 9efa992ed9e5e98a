import fc from 'fast-check';
import { scoreGad7, scorePhq9 } from './questionnaire-score';
import { issuesOf } from '../../test/issues-of';


/** `count` answers adding up to `total`, highest first. */
const itemsFor = (total: number, count: number) => Array.from({ length: count }, (_, i) => Math.max(0, Math.min(3, total - 3 * i)));

const PHQ9_ORDER = ['minimal', 'mild', 'moderate', 'moderately-severe', 'severe'];
const GAD7_ORDER = ['minimal', 'mild', 'moderate', 'severe'];

describe('scorePhq9 (DOMAIN.md §4.1)', () => {
  it.each([
    [0, 'minimal', false],
    [4, 'minimal', false],
    [5, 'mild', false],
    [9, 'mild', false],
    [10, 'moderate', true],
    [14, 'moderate', true],
    [15, 'moderately-severe', true],
    [19, 'moderately-severe', true],
    [20, 'severe', true],
    [27, 'severe', true],
  ])('a total of %i is %s (positive screen: %s)', (total, severity, positiveScreen) => {
    expect(scorePhq9(itemsFor(total, 9))).toEqual({ total, severity, positiveScreen });
  });

  it('scores the answers, not their position', () => {
    expect(scorePhq9([0, 1, 2, 3, 0, 1, 2, 3, 0])).toEqual({ total: 12, severity: 'moderate', positiveScreen: true });
  });
});

describe('scoreGad7 (DOMAIN.md §4.1: cut-points 5 / 10 / 15)', () => {
  it.each([
    [0, 'minimal', false],
    [4, 'minimal', false],
    [5, 'mild', false],
    [9, 'mild', false],
    [10, 'moderate', true],
    [14, 'moderate', true],
    [15, 'severe', true],
    [21, 'severe', true],
  ])('a total of %i is %s (positive screen: %s)', (total, severity, positiveScreen) => {
    expect(scoreGad7(itemsFor(total, 7))).toEqual({ total, severity, positiveScreen });
  });
});

describe('invalid answers raise a validation error naming the item', () => {
  const zeros = (n: number) => Array.from({ length: n }, () => 0);
  const withItem = (n: number, index: number, value: number) => zeros(n).map((v, i) => (i === index ? value : v));
  const sparse = (n: number, hole: number) => {
    const items = zeros(n);
    delete items[hole];
    return items;
  };

  it.each([
    ['an item of 4', () => scorePhq9(withItem(9, 3, 4)), 'items.3'],
    ['an item of -1', () => scorePhq9(withItem(9, 3, -1)), 'items.3'],
    ['an item of 1.5', () => scorePhq9(withItem(9, 1, 1.5)), 'items.1'],
    ['an item of NaN', () => scorePhq9(withItem(9, 8, Number.NaN)), 'items.8'],
    ['a missing item', () => scorePhq9(sparse(9, 4)), 'items.4'],
    ['8 items', () => scorePhq9(zeros(8)), 'items'],
    ['10 items', () => scorePhq9(zeros(10)), 'items'],
    ['no items', () => scorePhq9([]), 'items'],
    ['GAD-7: an item of 4', () => scoreGad7(withItem(7, 6, 4)), 'items.6'],
    ['GAD-7: 9 items (a PHQ-9)', () => scoreGad7(zeros(9)), 'items'],
    ['GAD-7: 6 items', () => scoreGad7(zeros(6)), 'items'],
  ])('%s', (_, run, field) => {
    expect(issuesOf(run).map((i) => i.field)).toEqual([field]);
  });

  it('names every bad item at once', () => {
    expect(issuesOf(() => scorePhq9([4, 0, -1, 0, 0, 0, 0, 0, 0.5])).map((i) => i.field)).toEqual(['items.0', 'items.2', 'items.8']);
  });
});

describe('properties', () => {
  const answers = (n: number) => fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n });

  it.each([
    ['PHQ-9', 9, scorePhq9, PHQ9_ORDER],
    ['GAD-7', 7, scoreGad7, GAD7_ORDER],
  ] as const)('%s: raising any one item never lowers the total or the severity', (_, n, score, order) => {
    fc.assert(fc.property(answers(n), fc.nat({ max: n - 1 }), (items, index) => {
      fc.pre(items[index]! < 3);
      const before = score(items);
      const after = score(items.map((v, i) => (i === index ? v + 1 : v)));
      expect(after.total).toBe(before.total + 1);
      expect(order.indexOf(after.severity)).toBeGreaterThanOrEqual(order.indexOf(before.severity));
      expect(after.positiveScreen || !before.positiveScreen).toBe(true);
    }));
  });

  it.each([
    ['PHQ-9', 9, scorePhq9],
    ['GAD-7', 7, scoreGad7],
  ] as const)('%s: the total is the sum of the items and the screen is positive from 10', (_, n, score) => {
    fc.assert(fc.property(answers(n), (items) => {
      const result = score(items);
      expect(result.total).toBe(items.reduce((a, b) => a + b, 0));
      expect(result.positiveScreen).toBe(result.total >= 10);
    }));
  });
});
