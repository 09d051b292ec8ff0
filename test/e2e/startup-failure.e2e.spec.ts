import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBuilt } from './support/built-service';
import { testSecretsEnv } from './support/test-api';

/** Runs a built entry point to its end; returns its exit code and every line it wrote. */
async function runToExit(entry: string, env: Record<string, string>): Promise<{ code: number | null; lines: string[] }> {
  const { code, stdout, stderr } = await runBuilt(entry, [], env);
  return { code, lines: `${stdout}\n${stderr}`.split('\n').filter(Boolean) };
}

/** A process that cannot start says why in the same JSON lines as everything else it logs, and exits 1. */
describe('a failed start is logged as JSON (e2e, built processes)', () => {
  const entries = ['dist/apps/api/src/main.js', 'dist/apps/projector/src/main.js', 'dist/apps/scheduler/src/main.js'];

  it.each(entries)('%s: an invalid configuration lists every problem in one JSON line', async (entry) => {
    const { code, lines } = await runToExit(entry, { PORT: 'eighty', LOG_LEVEL: 'loud' });
    expect(code).toBe(1);
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed).toContainEqual(
      expect.objectContaining({
        level: 'fatal',
        problems: expect.arrayContaining([expect.stringMatching(/^PORT must be/), expect.stringMatching(/^LOG_LEVEL must be/)]),
      }),
    );
  });

  it('the api: a database that does not answer is a JSON line too', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'arrears-start-'));
    const { code, lines } = await runToExit('dist/apps/api/src/main.js', {
      EVENT_STORE_URL: 'postgres://arrears:secret@127.0.0.1:1/arrears',
      ...testSecretsEnv,
      DATA_DIR: dataDir,
      PORT: '0',
    });
    expect(code).toBe(1);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(lines.map((line) => JSON.parse(line))).toContainEqual(
      expect.objectContaining({ level: 'fatal', msg: expect.stringMatching(/ECONNREFUSED|connect/) }),
    );
  });
});
