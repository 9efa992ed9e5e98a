import { randomBytes } from 'node:crypto';
import { KeyRingCipher } from './key-ring-cipher';

const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;

describe('KeyRingCipher', () => {
  const [k1, k2] = [key('k1'), key('k2')];
  const letter = Buffer.from('%PDF-1.7 referral letter for a patient');

  it('opens what it sealed, and seals the same bytes differently each time', () => {
    const cipher = new KeyRingCipher([k1]);
    const [a, b] = [cipher.seal(letter, 'doc-1'), cipher.seal(letter, 'doc-1')];
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
    expect(a.ciphertext.includes(Buffer.from('%PDF'))).toBe(false);
    expect(cipher.open(a, 'doc-1').equals(letter)).toBe(true);
  });

  it('refuses a changed byte, a changed tag, another document id, and an unknown key', () => {
    const cipher = new KeyRingCipher([k1]);
    const sealed = cipher.seal(letter, 'doc-1');
    const flipped = Buffer.from(sealed.ciphertext);
    flipped[3] = flipped[3]! ^ 0x01;
    expect(() => cipher.open({ ...sealed, ciphertext: flipped }, 'doc-1')).toThrow();
    expect(() => cipher.open({ ...sealed, authTag: randomBytes(16) }, 'doc-1')).toThrow();
    expect(() => cipher.open(sealed, 'doc-2')).toThrow();
    expect(() => new KeyRingCipher([k2]).open(sealed, 'doc-1')).toThrow('Document key k1 is not configured');
  });

  it('rotates: new documents use the first key, old ones still open with theirs', () => {
    const old = new KeyRingCipher([k1]).seal(letter, 'doc-1');
    const rotated = new KeyRingCipher([k2, k1]);
    expect(rotated.seal(letter, 'doc-2').keyId).toBe('k2');
    expect(rotated.open(old, 'doc-1').equals(letter)).toBe(true);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => new KeyRingCipher([`short:${Buffer.alloc(16).toString('base64')}`])).toThrow('not 32 bytes');
  });
});
