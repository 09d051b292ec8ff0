/**
 * The key-encryption port: data keys are stored only wrapped under a key-encryption key (KEK) that
 * lives outside every database, so a copy of the key store alone opens nothing. The local adapter
 * holds the KEK in the process; a cloud KMS adapter implements the same two calls with the KMS's
 * encrypt and decrypt (the KEK never leaves the KMS).
 */
export interface KeyEncryption {
  /** Seals a data key; `context` (the data key's id) is bound to it, so a wrapped key moved to another row does not open. */
  wrap(key: Buffer, context: string): Promise<Buffer>;
  /** The data key, or a throw when the wrapped bytes, the context or the KEK do not match. */
  unwrap(wrapped: Buffer, context: string): Promise<Buffer>;
}
