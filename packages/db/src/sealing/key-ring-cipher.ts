import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface Sealed {
  keyId: string;
  iv: Buffer;
  authTag: Buffer;
  ciphertext: Buffer;
}

/**
 * AES-256-GCM with a key ring, for what Keta keeps sealed at rest: documents (DOCUMENT_KEYS) and the private
 * keys of its EHR connections (CREDENTIAL_KEYS). Each is sealed with the first key and opened with the key whose id
 * they carry, so keys can be rotated without re-encrypting at once. A fresh 96-bit IV each time means
 * the same file stored twice gives different ciphertext; the tag makes any changed byte fail to open.
 */
export class KeyRingCipher {
  private readonly keys: Map<string, Buffer>;
  private readonly currentId: string;

  /** `id:base64` pairs, the first being the current key; `purpose` names the ring in errors. */
  constructor(keyRing: readonly string[], private readonly purpose = 'Document') {
    const entries = keyRing.map((pair) => {
      const [id, base64] = pair.split(':') as [string, string];
      const key = Buffer.from(base64, 'base64');
      if (key.length !== 32) throw new Error(`${purpose} key ${id} is not 32 bytes`);
      return [id, key] as const;
    });
    if (!entries[0]) throw new Error(`No ${purpose.toLowerCase()} key`);
    this.keys = new Map(entries);
    this.currentId = entries[0][0];
  }

  seal(plaintext: Buffer, associatedData: string): Sealed {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentId)!, iv);
    cipher.setAAD(Buffer.from(associatedData));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { keyId: this.currentId, iv, authTag: cipher.getAuthTag(), ciphertext };
  }

  /** Throws if the key is unknown or the ciphertext, tag, IV or associated data were changed. */
  open(sealed: Sealed, associatedData: string): Buffer {
    const key = this.keys.get(sealed.keyId);
    if (!key) throw new Error(`${this.purpose} key ${sealed.keyId} is not configured`);
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv);
    decipher.setAAD(Buffer.from(associatedData));
    decipher.setAuthTag(sealed.authTag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
  }
}
