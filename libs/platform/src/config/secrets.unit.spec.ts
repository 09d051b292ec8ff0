import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type AppConfig } from './config';
import { chainKeySecret, keyEncryptionSecret, secretFiles } from './secrets';

const loadSecrets = async (config: AppConfig) => ({ chainKey: await chainKeySecret(config), keyEncryptionKey: await keyEncryptionSecret(config) });

const freshDir = () => mkdtemp(join(tmpdir(), 'arrears-secrets-'));

describe('the keys held outside the databases', () => {
  it('are generated into DATA_DIR on the embedded default, readable by this user only, and the same on the next start', async () => {
    const dataDir = await freshDir();
    const first = await loadSecrets(loadConfig({ DATA_DIR: dataDir }));
    for (const file of Object.values(secretFiles(dataDir))) expect((await stat(file)).mode & 0o777).toBe(0o600);
    const again = await loadSecrets(loadConfig({ DATA_DIR: dataDir }));
    expect(again).toEqual(first);
  });

  it('refuse a start on configured stores without them, rather than generate keys nobody chose', async () => {
    const config = loadConfig({ DATA_DIR: await freshDir(), EVENT_STORE_URL: 'postgres://db/arrears' });
    await expect(loadSecrets(config)).rejects.toThrow(/Set CHAIN_KEY or CHAIN_KEY_FILE/);
    await expect(loadSecrets({ ...config, chainKey: 'a-chain-key-of-at-least-thirty-two-characters' })).rejects.toThrow(
      /Set KEY_ENCRYPTION_KEY or KEY_ENCRYPTION_KEY_FILE/,
    );
  });

  it('come from the configuration, the key in a file named by *_FILE as well', async () => {
    const dataDir = await freshDir();
    const file = join(dataDir, 'chain-key');
    await writeFile(file, 'a-chain-key-of-at-least-thirty-two-characters\n');
    const config = loadConfig({
      DATA_DIR: dataDir,
      EVENT_STORE_URL: 'postgres://db/arrears',
      CHAIN_KEY_FILE: file,
      KEY_ENCRYPTION_KEY: 'a-key-encryption-key-of-32-characters',
    });
    expect(await loadSecrets(config)).toEqual({
      chainKey: 'a-chain-key-of-at-least-thirty-two-characters',
      keyEncryptionKey: 'a-key-encryption-key-of-32-characters',
    });
  });
});
