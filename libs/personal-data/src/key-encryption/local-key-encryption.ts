import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { KeyEncryption } from './key-encryption.port';

const algorithm = 'aes-256-gcm';
/** The first byte of a wrapped key: its format, so a later one can be told apart. */
const version = 1;
const ivLength = 12;
const tagLength = 16;

/**
 * AES-256-GCM under a KEK derived from the configured secret (`KEY_ENCRYPTION_KEY`). A wrapped key is
 * the format byte, the nonce, the ciphertext and the tag.
 */
export class LocalKeyEncryption implements KeyEncryption {
  private readonly kek: Buffer;

  constructor(secret: string) {
    this.kek = Buffer.from(hkdfSync('sha256', secret, '', 'arrears key-encryption key', 32));
  }

  wrap(key: Buffer, context: string): Promise<Buffer> {
    const iv = randomBytes(ivLength);
    const cipher = createCipheriv(algorithm, this.kek, iv).setAAD(Buffer.from(context));
    const sealed = Buffer.concat([cipher.update(key), cipher.final()]);
    return Promise.resolve(Buffer.concat([Buffer.of(version), iv, sealed, cipher.getAuthTag()]));
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- async so that a key that fails to unwrap rejects, as a remote KMS's would, rather than throwing at the call
  async unwrap(wrapped: Buffer, context: string): Promise<Buffer> {
    if (wrapped[0] !== version || wrapped.length <= 1 + ivLength + tagLength) throw new Error('Not a wrapped data key.');
    const iv = wrapped.subarray(1, 1 + ivLength);
    const tag = wrapped.subarray(wrapped.length - tagLength);
    const decipher = createDecipheriv(algorithm, this.kek, iv).setAAD(Buffer.from(context));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(wrapped.subarray(1 + ivLength, wrapped.length - tagLength)), decipher.final()]);
  }
}

/** Data keys are 32 bytes: a stored value of that length is one written before keys were wrapped. */
export const isUnwrappedKey = (stored: Buffer) => stored.length === 32;
