import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../shared/errors.js';
import { runStep, type ResolvedStep, type StepHost } from '../../../local/runner/steps.js';

let workspace = '';
let host: StepHost;

const step = (fields: Partial<ResolvedStep>): ResolvedStep => ({
  label: 'test step',
  with: {},
  env: {},
  timeoutMs: 20_000,
  ...fields,
});

beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'phx-steps-'));
  const action = join(workspace, 'actions', 'echo');
  await mkdir(action, { recursive: true });
  await writeFile(
    join(action, 'action.yml'),
    [
      'name: echo',
      'inputs:',
      '  greeting: { description: x, default: hello }',
      '  api-token: { description: x }',
      'runs: { using: node24, main: main.js }',
    ].join('\n'),
  );
  await writeFile(
    join(action, 'main.js'),
    [
      "const fs = require('node:fs');",
      "console.log('::add-mask::' + process.env['INPUT_API-TOKEN']);",
      "console.log('token is ' + process.env['INPUT_API-TOKEN']);",
      "fs.appendFileSync(process.env.GITHUB_OUTPUT, 'greeting=' + process.env.INPUT_GREETING + '\\n');",
      "fs.appendFileSync(process.env.GITHUB_OUTPUT, 'results=' + (process.env.ACTIONS_RESULTS_URL ?? '') + '\\n');",
    ].join('\n'),
  );
  await writeFile(join(workspace, 'package.json'), '{"type":"commonjs"}');
  host = {
    workspace,
    jobDir: join(workspace, 'job'),
    baseEnv: { PATH: process.env.PATH ?? '' },
    actionEnv: { ACTIONS_RESULTS_URL: 'http://127.0.0.1:1/' },
    masks: new Set(['known-secret']),
  };
});

describe('runStep', () => {
  it('runs a local action with its input defaults, the artifact variables, and masks what it masks', async () => {
    const result = await runStep(
      step({ uses: './actions/echo', with: { 'api-token': 'tok-123456' } }),
      0,
      host,
    );
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toEqual({ greeting: 'hello', results: 'http://127.0.0.1:1/' });
    const log = await readFile(join(host.jobDir, '01.log'), 'utf8');
    expect(log).toContain('token is ***');
    expect(log).not.toContain('tok-123456');
  });

  it('rejects an input the action does not declare, naming it', async () => {
    await expect(
      runStep(step({ uses: './actions/echo', with: { greting: 'hi' } }), 1, host),
    ).rejects.toThrow("./actions/echo has no input 'greting'");
  });

  it('runs bash with the file commands, without the artifact variables, failing on errors', async () => {
    const script = [
      'echo "plain=$((1 + 2))" >> "$GITHUB_OUTPUT"',
      'printf "multi<<EOF\\na\\nb\\nEOF\\n" >> "$GITHUB_OUTPUT"',
      'echo "SEEN=${ACTIONS_RESULTS_URL:-none}" >> "$GITHUB_ENV"',
      'echo known-secret',
    ].join('\n');
    const result = await runStep(step({ run: script }), 2, host);
    expect(result.outputs).toEqual({ plain: '3', multi: 'a\nb' });
    expect(result.env).toEqual({ SEEN: 'none' });
    expect(await readFile(join(host.jobDir, '03.log'), 'utf8')).toBe('***\n');
    const failed = await runStep(step({ run: 'false\necho not reached' }), 3, host);
    expect(failed.exitCode).toBe(1);
  });

  it('kills a step at its timeout', async () => {
    const result = await runStep(step({ run: 'sleep 30', timeoutMs: 300 }), 4, host);
    expect(result).toMatchObject({ timedOut: true, exitCode: 124 });
  });

  it('treats known marketplace actions as no-ops with a note and names an unknown one', async () => {
    const checkout = await runStep(step({ uses: 'actions/checkout@v5' }), 5, host);
    expect(checkout.note).toContain('working tree');
    const unknown = runStep(step({ uses: 'someone/deploy@v1' }), 6, host);
    await expect(unknown).rejects.toThrow(ConfigurationError);
    await expect(unknown).rejects.toThrow(
      'uses someone/deploy@v1, which the local runner does not know',
    );
  });
});
