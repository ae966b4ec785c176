import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { findCyclesUnder } from '../../scripts/import-cycles.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const script = path.join(root, 'scripts/check-cycles.ts');
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

/** A temporary source folder holding `files` (name to TypeScript text). */
async function sources(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cycles-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}

describe('check-cycles', () => {
  it('exits 1 naming both files of a two-file cycle whose back-edge is a type', async () => {
    const dir = await sources({
      'crawl.ts': "import { harvest } from './handlers.js';\nexport const crawl = harvest;\n",
      'handlers.ts':
        "import type { Context } from './crawl.js';\nexport const harvest = (c?: Context) => c;\n",
      'context.ts': 'export interface Context { depth: number }\n',
    });
    const failure = (await run(tsx, [script, dir]).catch((error: unknown) => error)) as {
      code: number;
      stderr: string;
    };
    expect(failure.code).toBe(1);
    const crawl = path.join(dir, 'crawl.ts');
    const handlers = path.join(dir, 'handlers.ts');
    expect(failure.stderr).toContain('1 import cycle(s)');
    expect(failure.stderr).toContain(`${crawl} -> ${handlers} -> ${crawl}`);
    expect(failure.stderr).not.toContain('context.ts');
  });

  it('exits 0 on the project sources: actions, shared, local, scripts and test', async () => {
    const { stdout } = await run(tsx, [script], { cwd: root });
    expect(stdout).toContain('no import cycles under actions, shared, local, scripts, test');
  });

  it('passes a diamond: two files importing one third is not a cycle', async () => {
    const dir = await sources({
      'a.ts': "import { b } from './b.js';\nimport { c } from './c.js';\nexport const a = b + c;\n",
      'b.ts': "import { d } from './d.js';\nexport const b = d;\n",
      'c.ts': "export { d as c } from './d.js';\n",
      'd.ts': 'export const d = 1;\n',
    });
    expect(findCyclesUnder([dir])).toEqual([]);
  });

  it('finds a longer loop through folders, re-exports and dynamic imports', async () => {
    const dir = await sources({
      'run/plan.ts': "export { job } from '../job/job.js';\n",
      'job/job.ts': "export const job = () => import('./step.js');\n",
      'job/step.ts': "import '../run/plan.js';\nexport const step = 1;\n",
      'alone.ts': "import { step } from './job/step.js';\nexport const alone = step;\n",
    });
    const [cycle, ...others] = findCyclesUnder([dir]);
    expect(others).toEqual([]);
    const names = (files: string[]) => files.map((file) => path.relative(dir, file));
    expect(names(cycle?.files ?? [])).toEqual(['job/job.ts', 'job/step.ts', 'run/plan.ts']);
    expect(names(cycle?.path ?? [])).toEqual([
      'job/job.ts',
      'job/step.ts',
      'run/plan.ts',
      'job/job.ts',
    ]);
  });
});
