import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirInUseError, lockDataDir } from './data-dir-lock';

describe('the DATA_DIR lock', () => {
  let dataDir: string;
  const lockFile = () => join(dataDir, 'arrears.lock');
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'arrears-lock-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is held by one process at a time, and free again once released', () => {
    const lock = lockDataDir(dataDir);
    expect(() => lockDataDir(dataDir)).toThrow(new DataDirInUseError(dataDir, process.pid));
    lock.release();
    expect(existsSync(lockFile())).toBe(false);
    lockDataDir(dataDir).release();
  });

  it('is taken over from a process that is gone', async () => {
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    await writeFile(lockFile(), JSON.stringify({ pid: gone, startedAt: '1', token: 'old' }));
    const lock = lockDataDir(dataDir);
    expect(JSON.parse(await readFile(lockFile(), 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it('is taken over when its pid now belongs to another process (a different start time)', async () => {
    await writeFile(lockFile(), JSON.stringify({ pid: process.pid, startedAt: 'another start', token: 'old' }));
    lockDataDir(dataDir).release();
  });

  it('is taken over when the file is not a lock of ours', async () => {
    await writeFile(lockFile(), 'garbage');
    lockDataDir(dataDir).release();
  });
});
