/**
 * The key store port: data keys for personal data, one live key per subject (a debtor), kept apart
 * from the event store so that destroying a key makes what it sealed unreadable everywhere, backups of
 * the log included. A table in the embedded default; a KMS can stand in behind the same port.
 */
export interface DataKey {
  keyId: string;
  /** 32 bytes, for AES-256-GCM. */
  key: Buffer;
}

export interface KeyStore {
  readonly backend: string;
  /** The subject's live key, made on first use; two racing callers get the same one. */
  keyFor(subject: string): Promise<DataKey>;
  /** The subject's live key, if it has one: never makes one (for copies of what it sealed, which must not outlive it). */
  liveKey(subject: string): Promise<DataKey | undefined>;
  /** The keys of these ids that still exist: destroyed and unknown ids are absent. */
  find(keyIds: string[]): Promise<Map<string, Buffer>>;
  /** Destroys every key of the subject, for good; returns how many were live. A new key may follow. */
  destroy(subject: string): Promise<number>;
  close(): Promise<void>;
}
