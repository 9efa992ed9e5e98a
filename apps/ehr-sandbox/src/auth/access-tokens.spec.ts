import { AccessTokens } from './access-tokens';

describe('access tokens', () => {
  const now = 1_000_000;

  it('are 32 random bytes, base64url, valid for their lifetime', () => {
    const tokens = new AccessTokens();
    const token = tokens.issue('worker', [], 60, now);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokens.lookup(token, now + 59_999)).toMatchObject({ state: 'valid', grant: { clientId: 'worker' } });
    expect(tokens.lookup(token, now + 60_000)).toEqual({ state: 'expired' });
    expect(tokens.lookup('not-issued', now)).toEqual({ state: 'unknown' });
  });

  it('are revoked all at once, or one client at a time, counting those still valid', () => {
    const tokens = new AccessTokens();
    const worker = tokens.issue('worker', [], 60, now);
    const other = tokens.issue('other', [], 60, now);
    tokens.issue('other', [], 1, now);
    expect(tokens.revoke('worker', now)).toBe(1);
    expect(tokens.lookup(worker, now)).toEqual({ state: 'revoked' });
    expect(tokens.lookup(other, now).state).toBe('valid');
    expect(tokens.revoke(undefined, now + 2000)).toBe(1);
    expect(tokens.lookup(other, now).state).toBe('revoked');
  });
});
