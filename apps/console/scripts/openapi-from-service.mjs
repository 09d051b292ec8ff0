// Writes dist/openapi.json, the document the built api serves at /docs/openapi.json, by starting the
// built service on the embedded default (a throw-away DATA_DIR, a free loopback port) and asking it.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../..');
const target = join(root, 'dist/openapi.json');

const freePort = () =>
  new Promise((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });

const dataDir = await mkdtemp(join(tmpdir(), 'arrears-openapi-'));
const port = await freePort();
const service = spawn(process.execPath, [join(root, 'dist/apps/api/src/main.js')], {
  env: { PATH: process.env.PATH, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', RUN_SCHEDULER: 'false', LOG_LEVEL: 'error' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const exited = new Promise((done) => service.once('exit', done));
try {
  const url = `http://127.0.0.1:${port}/docs/openapi.json`;
  for (const deadline = Date.now() + 60_000; ; await new Promise((r) => setTimeout(r, 200))) {
    if (service.exitCode !== null) throw new Error('The service exited before serving its OpenAPI document.');
    if (Date.now() > deadline) throw new Error('The service did not serve its OpenAPI document within 60 s.');
    const response = await fetch(url).catch(() => undefined);
    if (response?.ok) {
      await writeFile(target, JSON.stringify(await response.json(), null, 2) + '\n');
      break;
    }
  }
} finally {
  service.kill('SIGTERM');
  await exited;
  await rm(dataDir, { recursive: true, force: true });
}
