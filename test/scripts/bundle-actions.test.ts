import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { bundleActions, RUNTIME_FILES } from '../../scripts/bundle-actions.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const fixtures = path.join(root, 'test/fixtures/bundle/actions');
let outdir: string;

/** Runs a bundled action the way a runner does: node, INPUT_* variables, a GITHUB_OUTPUT file. */
async function runAction(name: string, inputs: Record<string, string>): Promise<string> {
  const outputFile = path.join(outdir, `${name}.output`);
  await writeFile(outputFile, '');
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, GITHUB_OUTPUT: outputFile };
  for (const [key, value] of Object.entries(inputs)) env[`INPUT_${key.toUpperCase()}`] = value;
  await run(process.execPath, [path.join(outdir, name, 'index.js')], { env });
  return readFile(outputFile, 'utf8');
}

describe('bundleActions', () => {
  beforeAll(async () => {
    // Outside the repo, where no node_modules can answer an import the bundle left out.
    outdir = await mkdtemp(path.join(tmpdir(), 'bundle-test-'));
    await bundleActions({ actionsDir: fixtures, outdir });
  }, 60_000);
  afterAll(() => rm(outdir, { recursive: true, force: true }));

  it('writes one ESM entry per action and puts shared code in a chunk', async () => {
    const entries = (await readdir(outdir)).sort();
    expect(entries).toEqual(['chunks', 'greet', 'shout']);
    const chunks = await readdir(path.join(outdir, 'chunks'));
    expect(chunks.length).toBeGreaterThan(0);
    const shout = await readFile(path.join(outdir, 'shout/index.js'), 'utf8');
    expect(shout).toContain('from "../chunks/');
  });

  it('runs on this Node with @actions/core ESM-only and a CommonJS dependency requiring built-ins', async () => {
    const output = await runAction('greet', { name: 'Maryvale' });
    expect(output).toContain('hello Maryvale');
    expect(output).toMatch(/end-of-line<<.*\n(lf|crlf)\n/);
    expect(await runAction('shout', { name: 'Maryvale' })).toContain('HELLO MARYVALE');
  });

  it('bundles playwright-core into a chunk of its own, loaded only when imported', async () => {
    const files = await readdir(outdir, { recursive: true });
    const code = await Promise.all(
      files
        .filter((file) => file.endsWith('.js'))
        .map((file) => readFile(path.join(outdir, file), 'utf8')),
    );
    expect(code.join('\n')).not.toMatch(
      /(import|require)\("playwright-core"\)|from "playwright-core"/,
    );
    expect(files.filter((file) => /^chunks[\\/]playwright-core-\w+\.js$/.test(file))).toHaveLength(
      1,
    );
    expect(code.join('\n')).toMatch(/import\("\.\.?\/(chunks\/)?playwright-core-\w+\.js"\)/);
    expect(await runAction('greet', { name: 'x', browser: 'true' })).toMatch(/browser<<.*\n\d+\n/);
  });

  it('finds every file an action loads at run time in node_modules', () => {
    const require = createRequire(import.meta.url);
    for (const files of Object.values(RUNTIME_FILES))
      for (const specifier of files) expect(require.resolve(specifier)).toMatch(/\.(wasm|ttf)$/);
  });
});
