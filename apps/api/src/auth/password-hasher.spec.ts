import { UNUSABLE_HASH, hashPassword, verifyPassword } from './password-hasher';

// scrypt is slow on purpose (N = 32768); on a busy 2-core machine three hashes can take longer than Jest's 5 s.
jest.setTimeout(60_000);

describe('password hasher', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(stored).not.toContain('correct horse');
    await expect(verifyPassword('correct horse battery staple', stored)).resolves.toBe(true);
    await expect(verifyPassword('correct horse battery stapler', stored)).resolves.toBe(false);
  });

  it('salts: the same password hashes differently each time', async () => {
    expect(await hashPassword('same passphrase here')).not.toBe(await hashPassword('same passphrase here'));
  });

  it('never matches the unusable hash or a malformed one', async () => {
    await expect(verifyPassword('', UNUSABLE_HASH)).resolves.toBe(false);
    await expect(verifyPassword('anything', 'plain-text')).resolves.toBe(false);
  });
});
