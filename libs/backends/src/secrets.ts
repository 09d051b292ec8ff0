import { join } from 'node:path';
import { chainKeyFrom, type ChainKey } from '@arrears/event-store';
import { LocalKeyEncryption, type KeyEncryption } from '@arrears/personal-data';
import { loadOrCreateSecretFile, readSecretFile, type AppConfig } from '@arrears/platform';

/** Where the embedded default keeps the keys it generated. */
export const secretFiles = (dataDir: string) => ({
  chainKey: join(dataDir, 'keys', 'chain-key'),
  keyEncryptionKey: join(dataDir, 'keys', 'key-encryption-key'),
});

/**
 * The hash chain's key: as configured, else from its file in `DATA_DIR`. Loaded only by the processes
 * that chain, checkpoint or verify (never the projector's).
 */
export async function loadChainKey(config: AppConfig): Promise<ChainKey> {
  return chainKeyFrom(config.chainKey ?? (await fromFile(config, secretFiles(config.dataDir).chainKey, 'CHAIN_KEY')));
}

/** The key-encryption key that wraps data keys, for whoever opens or seals personal data. */
export async function loadKeyEncryption(config: AppConfig): Promise<KeyEncryption> {
  const secret = config.keyEncryptionKey ?? (await fromFile(config, secretFiles(config.dataDir).keyEncryptionKey, 'KEY_ENCRYPTION_KEY'));
  return new LocalKeyEncryption(secret);
}

/**
 * The embedded default generates the key file on first start; on configured stores a missing key
 * refuses the start, since a key nobody chose (and nobody backs up) would leave the chain or the data
 * keys unverifiable or unreadable elsewhere.
 */
async function fromFile(config: AppConfig, file: string, name: string): Promise<string> {
  if (!config.eventStoreUrl) return (await loadOrCreateSecretFile(file)).secret;
  const existing = await readSecretFile(file);
  if (existing) return existing;
  throw new Error(`Set ${name} or ${name}_FILE: it is held outside the databases and cannot be generated for configured stores.`);
}
