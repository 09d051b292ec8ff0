import { join } from 'node:path';
import { loadOrCreateSecretFile } from '@arrears/platform';

/** Where the embedded default keeps the secret it generated. */
export const signingSecretFile = (dataDir: string) => join(dataDir, 'auth', 'jwt-secret');

/** The embedded default's HS256 secret: read from `DATA_DIR`, or generated there on first start. */
export const loadOrCreateSigningSecret = (dataDir: string) => loadOrCreateSecretFile(signingSecretFile(dataDir));
