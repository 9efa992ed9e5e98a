import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface Sealed {
  keyId: string;
  iv: Buffer;
  authTag: Buffer;
  ciphertext: Buffer;
}

/**
 * AES-256-GCM with a key ring: documents are sealed with the first key and opened with the key whose id
 * they carry, so keys can be rotated without re-encrypting at once. A fresh 96-bit IV per document means
 * the same file stored twice gives different ciphertext; the tag makes any changed byte fail to open.
 */
export class DocumentCipher {
  private readonly keys: Map<string, Buffer>;
  private readonly currentId: string;

  /** `id:base64` pairs (DOCUMENT_KEYS), the first being the current key. */
  constructor(keyRing: readonly string[]) {
    const entries = keyRing.map((pair) => {
      const [id, base64] = pair.split(':') as [string, string];
      const key = Buffer.from(base64, 'base64');
      if (key.length !== 32) throw new Error(`Document key ${id} is not 32 bytes`);
      return [id, key] as const;
    });
    if (!entries[0]) throw new Error('No document key');
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
    if (!key) throw new Error(`Document key ${sealed.keyId} is not configured`);
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv);
    decipher.setAAD(Buffer.from(associatedData));
    decipher.setAuthTag(sealed.authTag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
  }
}
