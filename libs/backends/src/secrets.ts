import { join } from 'node:path';
import { chainKeyFrom, type ChainKey } from '@arrears/event-store';
import { LocalKeyEncryption, type KeyEncryption } from '@arrears/personal-data';
import { loadOrCreateSecretFile, readSecretFile, type AppConfig } from '@arrears/platform';

/** The keys the service holds outside its databases. */
export interface Secrets {
  chainKey: ChainKey;
  keyEncryption: KeyEncryption;
}

/** Where the embedded default keeps the keys it generated. */
export const secretFiles = (dataDir: string) => ({
  chainKey: join(dataDir, 'keys', 'chain-key'),
  keyEncryptionKey: join(dataDir, 'keys', 'key-encryption-key'),
});

/**
 * The chain key and the key-encryption key: as configured, else from their files in `DATA_DIR`. The
 * embedded default generates those files on first start; on configured stores a missing key refuses
 * the start, since a key nobody chose (and nobody backs up) would make the chain or the data keys
 * unverifiable elsewhere.
 */
export async function loadSecrets(config: AppConfig): Promise<Secrets> {
  const files = secretFiles(config.dataDir);
  const chainKey = config.chainKey ?? (await fromFile(config, files.chainKey, 'CHAIN_KEY'));
  const keyEncryptionKey = config.keyEncryptionKey ?? (await fromFile(config, files.keyEncryptionKey, 'KEY_ENCRYPTION_KEY'));
  return { chainKey: chainKeyFrom(chainKey), keyEncryption: new LocalKeyEncryption(keyEncryptionKey) };
}

async function fromFile(config: AppConfig, file: string, name: string): Promise<string> {
  if (!config.eventStoreUrl) return (await loadOrCreateSecretFile(file)).secret;
  const existing = await readSecretFile(file);
  if (existing) return existing;
  throw new Error(`Set ${name} or ${name}_FILE: it is held outside the databases and cannot be generated for configured stores.`);
}
