// Runs `npm run build` only when the sources differ from those dist/ was built from: a SHA-256 of every
// source file's path and content (apps, libs, bench and the build's configuration), kept in
// dist/.sources-sha256 after a successful build. Content, not modification times, so a git pull,
// a checkout or a copy is judged by what changed. `--if-missing`: build only when `file` is absent.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const stamp = join(root, 'dist', '.sources-sha256');
const roots = ['apps', 'libs', 'bench'];
const configs = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];
// openapi.d.ts is the console's client types, which the build itself writes from the API's document.
const skipped = new Set(['node_modules', 'dist', 'results', 'openapi.d.ts']);

function* files(directory) {
  for (const entry of readdirSync(directory, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (skipped.has(entry.name)) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

function sourcesHash() {
  const hash = createHash('sha256');
  const paths = [
    ...roots.filter((dir) => existsSync(join(root, dir))).flatMap((dir) => [...files(join(root, dir))]),
    ...configs.map((file) => join(root, file)),
  ];
  for (const path of paths.filter((file) => existsSync(file))) hash.update(path.slice(root.length)).update('\0').update(readFileSync(path)).update('\0');
  return hash.digest('hex');
}

const [flag, file] = process.argv.slice(2);
if (flag === '--if-missing' && file && existsSync(join(root, file))) process.exit(0);
// Hashed before the build: a source edited while it runs differs from the stamp, and is built next time.
const current = sourcesHash();
if (flag !== '--if-missing' && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === current) process.exit(0);
const built = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], shell: process.platform === 'win32' });
if (built.status !== 0) process.exit(built.status ?? 1);
writeFileSync(stamp, `${current}\n`);
