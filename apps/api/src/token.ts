import { actorRoles, type ActorRole } from '@arrears/commands';
import { loadConfig } from '@arrears/platform';
import { parseArgs } from 'node:util';
import { mintToken } from './auth/mint-token';
import { loadOrCreateSigningSecret } from './auth/signing-secret';

const usage = `Usage: npm run token -- --role <${actorRoles.join('|')}> --sub <actor id> (--creditor <id>)… | --all-creditors [--ttl 8h]`;

/**
 * `npm run token -- --role agent --sub agent-7 --creditor c-1`: prints a bearer token signed with
 * AUTH_JWT_SECRET, or with the secret the embedded default keeps in DATA_DIR.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      sub: { type: 'string' },
      creditor: { type: 'string', multiple: true },
      'all-creditors': { type: 'boolean' },
      ttl: { type: 'string', default: '8h' },
    },
  });
  const role = values.role as ActorRole | undefined;
  if (!role || !actorRoles.includes(role) || !values.sub || (!values.creditor?.length && !values['all-creditors'])) throw new Error(usage);
  const config = loadConfig();
  if (config.auth.jwksUrl) throw new Error('AUTH_JWKS_URL is set: tokens come from the identity provider, not from here.');
  const secret = config.auth.secret ?? (await loadOrCreateSigningSecret(config.dataDir)).secret;
  const creditors = values['all-creditors'] ? '*' : (values.creditor as string[]);
  process.stdout.write(`${await mintToken(secret, { id: values.sub, role, creditors }, values.ttl)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
