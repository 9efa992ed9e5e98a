import { describeIssues, toFieldIssues } from './field-issues';

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
});
