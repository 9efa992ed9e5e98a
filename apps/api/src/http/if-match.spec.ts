import { assertCurrentOrFirst, versionFromOptionalIfMatch } from './if-match';

describe('a change to one of the clinic\'s own records', () => {
  it.each([
    ['the first, without If-Match', undefined, undefined, undefined],
    ['the first, naming a version that never was', undefined, 1, 'precondition_failed'],
    ['a later one, without If-Match', 1, undefined, 'precondition_required'],
    ['a later one, from a stale version', 2, 1, 'precondition_failed'],
    ['a later one, from the current version', 2, 2, undefined],
  ])('%s', (_case, current, expected, code) => {
    const change = () => assertCurrentOrFirst('fee schedule', current, expected);
    if (code) expect(change).toThrow(expect.objectContaining({ code }));
    else expect(change).not.toThrow();
  });

  it('names a version only when If-Match is there', () => {
    expect(versionFromOptionalIfMatch(undefined)).toBeUndefined();
    expect(versionFromOptionalIfMatch(' ')).toBeUndefined();
    expect(versionFromOptionalIfMatch('W/"4"')).toBe(4);
    expect(() => versionFromOptionalIfMatch('4')).toThrow(expect.objectContaining({ code: 'malformed_request' }));
  });
});
