import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The code that the stage reader (`shared/io/stage-reader.ts`) is built on. */
const DOWNLOADING =
  /\b(downloadStage|downloadArtifactChecked|matchArtifacts|expandStageNames)\b|\.downloadArtifact\s*\(/;

/**
 * Downloads that are not stage artifacts, each with why:
 * - maintain-db's backups and exports are folders with their own manifest (`folder-manifest.ts`,
 *   files by hash, no record types) that outlive the run; they are restored, not read as stages.
 * - the local runner's stand-in for `actions/download-artifact` extracts whatever a workflow step
 *   names, exactly as that action does, for the steps after it.
 */
const NOT_STAGES = new Set([
  'actions/maintain-db/src/artifacts.ts',
  'local/runner/download-artifact.ts',
]);

/** Folders of shipped and local code (tests download to look at what an action uploaded). */
const SOURCE_DIRS = ['actions', 'shared', 'local', 'scripts'];

async function* sourceFiles(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (/\.[cm]?ts$/.test(entry.name)) yield path;
  }
}

/** Files under `root` outside `shared/io` that download artifacts themselves, as `path:line`. */
async function downloadersOutsideReader(root: string): Promise<string[]> {
  const found: string[] = [];
  for (const top of SOURCE_DIRS) {
    const dir = join(root, top);
    const present = await readdir(dir).then(
      () => true,
      () => false,
    );
    if (!present) continue;
    for await (const file of sourceFiles(dir)) {
      const path = relative(root, file).split('\\').join('/');
      if (path.startsWith('shared/io/') || NOT_STAGES.has(path)) continue;
      const lines = (await readFile(file, 'utf8')).split('\n');
      lines.forEach((line, index) => {
        if (DOWNLOADING.test(line)) found.push(`${path}:${index + 1}`);
      });
    }
  }
  return found;
}

describe('the stage reader is the only code that downloads stage artifacts', () => {
  let planted: string;
  beforeAll(async () => {
    planted = await mkdtemp(join(tmpdir(), 'stage-reader-only-'));
  });
  afterAll(() => rm(planted, { recursive: true, force: true }));

  it('no action, shared module or local tool outside shared/io downloads or matches artifacts', async () => {
    expect(await downloadersOutsideReader(process.cwd())).toEqual([]);
  });

  it('finds a download planted in an action, and the reader itself is allowed', async () => {
    await mkdir(join(planted, 'actions/store-mongo/src'), { recursive: true });
    await mkdir(join(planted, 'shared/io'), { recursive: true });
    await writeFile(
      join(planted, 'actions/store-mongo/src/load.ts'),
      "import { readStages } from '../../../shared/io/stage-reader.js';\n" +
        'const found = await client.getArtifact(name);\n' +
        'await client.downloadArtifact(found.artifact.id, { path });\n',
    );
    await writeFile(
      join(planted, 'shared/io/stage-reader.ts'),
      'await downloadStage(client, name, dir, logger);\n',
    );
    expect(await downloadersOutsideReader(planted)).toEqual(['actions/store-mongo/src/load.ts:3']);
  });
});
