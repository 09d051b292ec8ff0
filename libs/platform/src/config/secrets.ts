import { join } from 'node:path';
import type { AppConfig } from './config';
import { loadOrCreateSecretFile, readSecretFile } from './secret-file';

/** Where the embedded default keeps the keys it generated. */
export const secretFiles = (dataDir: string) => ({
  chainKey: join(dataDir, 'keys', 'chain-key'),
  keyEncryptionKey: join(dataDir, 'keys', 'key-encryption-key'),
});

/**
 * The hash chain's secret: as configured, else from its file in `DATA_DIR`. Loaded only by the processes
 * that chain, checkpoint or verify (never the projector's).
 */
export async function chainKeySecret(config: AppConfig): Promise<string> {
  return config.chainKey ?? (await fromFile(config, secretFiles(config.dataDir).chainKey, 'CHAIN_KEY'));
}

/** The secret of the key-encryption key that wraps data keys, for whoever opens or seals personal data. */
export async function keyEncryptionSecret(config: AppConfig): Promise<string> {
  return config.keyEncryptionKey ?? (await fromFile(config, secretFiles(config.dataDir).keyEncryptionKey, 'KEY_ENCRYPTION_KEY'));
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
