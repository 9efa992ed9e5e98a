import { describeIssues, parseOrFail, toFieldIssues } from './field-issues';

describe('field issues', () => {
  it('names nested fields by their dotted path and the root as body', () => {
    const issues = toFieldIssues([
      { path: ['openingDays', 2], message: 'Invalid option' },
      { path: [], message: 'Expected object' },
    ]);
    expect(issues).toEqual([
      { field: 'openingDays.2', message: 'Invalid option' },
      { field: 'body', message: 'Expected object' },
    ]);
    expect(describeIssues(issues)).toBe('openingDays.2: Invalid option; body: Expected object');
  });

  it('names each key an object does not take as a field of its own', () => {
    expect(toFieldIssues([{ path: [], message: 'Unrecognized keys', keys: ['total', 'extra'] }, { path: ['vitals'], message: 'Unrecognized key', keys: ['temp'] }])).toEqual([
      { field: 'total', message: 'is not a field this takes' },
      { field: 'extra', message: 'is not a field this takes' },
      { field: 'vitals.temp', message: 'is not a field this takes' },
    ]);
  });
});

describe('parseOrFail', () => {
  const positive = {
    safeParse: (value: unknown) =>
      typeof value === 'number' && value > 0
        ? ({ success: true, data: value } as const)
        : ({ success: false, error: { issues: [{ path: [], message: 'must be positive' }, { path: ['n', 0], message: 'bad' }] } } as const),
  };

  it('answers the parsed value, or names every field under the root and prefix given', () => {
    expect(parseOrFail(positive, 3, 'Invalid')).toBe(3);
    try {
      parseOrFail(positive, -1, 'Invalid', { root: 'input', prefix: 'entry[2] ' });
      throw new Error('expected a DomainError');
    } catch (error) {
      expect(error).toMatchObject({ code: 'validation_failed', message: 'Invalid', issues: [{ field: 'entry[2] input', message: 'must be positive' }, { field: 'entry[2] n.0', message: 'bad' }] });
    }
  });
});
