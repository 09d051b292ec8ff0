import { LocalKeyEncryption, type KeyEncryption } from '@arrears/personal-data';
import { keyEncryptionSecret, type AppConfig } from '@arrears/platform';

/** The key-encryption key that wraps data keys, for whoever opens or seals personal data. */
export async function loadKeyEncryption(config: AppConfig): Promise<KeyEncryption> {
  return new LocalKeyEncryption(await keyEncryptionSecret(config));
}
