import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScoreModel } from '@arrears/domain';

/** Writes `model` as `<version>.json` in `dir` (created if missing), and answers the file's path. */
export async function writeScoreModel(dir: string, model: ScoreModel): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${model.version}.json`);
  await writeFile(path, `${JSON.stringify(model, null, 2)}\n`);
  return path;
}
