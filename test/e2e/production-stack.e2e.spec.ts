import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { stackSecrets } from '../../apps/api/src/stack-secrets';
import { createTestDatabase } from '../setup/test-database';
import { repositoryRoot, runBuilt, startBuiltService, stopService } from './support/built-service';
import { openAccountBody } from './support/test-api';

interface ComposeService {
  build?: string;
  command?: string[];
  environment?: Record<string, string | number>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
}

/**
 * docker-compose.yml as the production stack: no container engine runs here, so the file is checked
 * for what `docker compose up` needs, and the api is started for real with the api service's
 * environment (its secrets generated as the stack generates them; the stores a test database).
 */
describe('the production stack (docker-compose.yml)', () => {
  let services: Record<string, ComposeService>;
  beforeAll(async () => {
    services = (parse(await readFile(join(repositoryRoot, 'docker-compose.yml'), 'utf8')) as { services: Record<string, ComposeService> }).services;
  });

  it('publishes EventStoreDB and MongoDB, which run without TLS or users, on 127.0.0.1 only', () => {
    for (const name of ['eventstore', 'mongodb']) {
      const ports = services[name]?.ports ?? [];
      expect(ports.length).toBeGreaterThan(0);
      for (const port of ports) expect(port).toMatch(/^127\.0\.0\.1:/);
    }
  });

  it('gives every service that reads a secret file the generated secrets, once they exist', () => {
    const readers = Object.entries(services).filter(([, service]) => Object.keys(service.environment ?? {}).some((name) => name.endsWith('_FILE')));
    expect(readers.map(([name]) => name)).toContain('api');
    for (const [, service] of readers) {
      expect(service.depends_on?.secrets).toEqual({ condition: 'service_completed_successfully' });
      expect(service.volumes).toContain('secrets:/run/arrears/secrets:ro');
      for (const [name, value] of Object.entries(service.environment ?? {})) {
        if (name.endsWith('_FILE')) expect(Object.entries(stackSecrets)).toContainEqual([String(value).split('/').pop(), name]);
      }
    }
    expect(services.api?.environment).toMatchObject({ AUTH_JWT_SECRET_FILE: '/run/arrears/secrets/jwt-secret' });
    expect(services.secrets?.command).toEqual(['node', 'dist/apps/api/src/secrets.js', '/run/arrears/secrets']);
  });

  it("starts the api on the generated secrets; the README's token command works against it; Prometheus scrapes with its token", async () => {
    const folder = await mkdtemp(join(tmpdir(), 'arrears-secrets-'));
    expect((await runBuilt('dist/apps/api/src/secrets.js', [folder], {})).code).toBe(0);
    const first = await readFile(join(folder, 'jwt-secret'), 'utf8');
    expect((await stat(join(folder, 'jwt-secret'))).mode & 0o777).toBe(0o600);
    expect((await runBuilt('dist/apps/api/src/secrets.js', [folder], {})).stdout).toMatch(/^kept /m);
    expect(await readFile(join(folder, 'jwt-secret'), 'utf8')).toBe(first);

    const databaseUrl = await createTestDatabase();
    const fromCompose = Object.fromEntries(
      Object.entries(services.api?.environment ?? {}).map(([name, value]) => [name, String(value).replace('/run/arrears/secrets', folder)]),
    );
    const env = { ...fromCompose, EVENT_STORE_URL: databaseUrl, READ_STORE_URL: databaseUrl, RUN_PROJECTOR: 'true', LOG_LEVEL: 'error' };
    const service = await startBuiltService(env);
    try {
      const minted = await runBuilt('dist/apps/api/src/token.js', ['--role', 'system', '--sub', 'billing-feed', '--all-creditors'], env);
      expect(minted.code).toBe(0);
      const opened = await fetch(`${service.url}/accounts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${minted.stdout.trim()}`, 'content-type': 'application/json' },
        body: JSON.stringify(openAccountBody('acc-stack-1')),
      });
      expect(opened.status).toBe(201);
      const metricsToken = (await readFile(join(folder, 'metrics-token'), 'utf8')).trim();
      expect((await fetch(`${service.url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })).status).toBe(200);
    } finally {
      await stopService(service);
    }
  }, 90_000);
});
