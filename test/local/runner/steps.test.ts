import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../shared/errors.js';
import { runStep, type ResolvedStep, type StepHost } from '../../../local/runner/steps.js';
import { STOP_GRACE_MS } from '../../../local/runner/step-process.js';

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
    actionEnv: () => ({ ACTIONS_RESULTS_URL: 'http://127.0.0.1:1/' }),
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

  it('un-escapes an ::add-mask:: value as GitHub does, masks it and each of its lines, and echoes no command', async () => {
    // What core.setSecret writes for a value with % and a line break (its escapeData).
    const script = [
      "value='p%40ss:w/rd-9Q%x'$'\\n''line-two-secret'",
      'escaped=${value//%/%25}',
      'echo "::add-mask::${escaped//$\'\\n\'/%0A}"',
      'echo "password $value"',
      'echo "decoded p@ss:w/rd-9Q%x"',
    ].join('\n');
    const result = await runStep(step({ run: script }), 8, { ...host, masks: new Set() });
    expect(result.exitCode).toBe(0);
    const log = await readFile(join(host.jobDir, '09.log'), 'utf8');
    expect(log).toBe('password ***\n***\ndecoded p@ss:w/rd-9Q%x\n');
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

  it('stops a step at its timeout as GitHub does: SIGINT first, so it can save its work', async () => {
    const script = [
      "trap 'echo saving partial work; exit 0' INT",
      'echo started',
      'for i in $(seq 1 300); do sleep 0.1; done',
    ].join('\n');
    const started = Date.now();
    const result = await runStep(step({ run: script, timeoutMs: 500 }), 4, host);
    expect(Date.now() - started).toBeLessThan(STOP_GRACE_MS.sigint);
    // Saving its work does not make a timed-out step a success.
    expect(result).toMatchObject({ timedOut: true, cancelled: false, exitCode: 1 });
    const log = await readFile(join(host.jobDir, '05.log'), 'utf8');
    expect(log).toContain('saving partial work');
    expect(log).toContain('The action has timed out');
  });

  it('sends SIGTERM 7.5 s after SIGINT, and kills what ignores both 2.5 s later', async () => {
    const script = [
      "process.on('SIGINT', () => console.log('got SIGINT'));",
      "process.on('SIGTERM', () => console.log('got SIGTERM'));",
      'setInterval(() => undefined, 1000);',
      "console.log('ready');",
    ].join('\n');
    const program = join(workspace, 'stubborn.cjs');
    await writeFile(program, script);
    const started = Date.now();
    // The timeout leaves node time to start and install its handlers, even on a loaded machine:
    // a SIGINT before that ends node at once, and the grace periods go unobserved.
    const result = await runStep(step({ run: `exec node ${program}`, timeoutMs: 3_000 }), 5, host);
    const ms = Date.now() - started;
    expect(result.timedOut).toBe(true);
    expect(ms).toBeGreaterThanOrEqual(STOP_GRACE_MS.sigint + STOP_GRACE_MS.sigterm);
    const log = await readFile(join(host.jobDir, '06.log'), 'utf8');
    expect(log.indexOf('got SIGINT')).toBeGreaterThan(log.indexOf('ready'));
    expect(log.indexOf('got SIGTERM')).toBeGreaterThan(log.indexOf('got SIGINT'));
  }, 30_000);

  it('stops a step when the job is cancelled, and says so', async () => {
    const cancel = new AbortController();
    setTimeout(() => cancel.abort(), 300);
    const script =
      "trap 'echo cancelled cleanly; exit 0' INT\nfor i in $(seq 1 300); do sleep 0.1; done";
    const result = await runStep(step({ run: script }), 6, { ...host, cancel: cancel.signal });
    expect(result).toMatchObject({ cancelled: true, timedOut: false });
    expect(await readFile(join(host.jobDir, '07.log'), 'utf8')).toContain('cancelled cleanly');
  });

  it('names a marketplace action it cannot run instead of skipping it', async () => {
    const unknown = runStep(step({ uses: 'someone/deploy@v1' }), 7, host);
    await expect(unknown).rejects.toThrow(ConfigurationError);
    await expect(unknown).rejects.toThrow(
      'uses someone/deploy@v1, which the local runner does not know',
    );
  });
});
