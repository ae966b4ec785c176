import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli, type CliRun } from './run-cli.js';

const workflow = 'test/fixtures/workflows/runner-features.yml';

interface Outcome extends CliRun {
  result?: { event: string; jobs: Record<string, { outputs: Record<string, string> }> };
}

let root = '';
let envFile = '';

async function pipeline(...args: string[]): Promise<Outcome> {
  const out = await mkdtemp(join(root, 'run-'));
  const outcome: Outcome = await runCli(
    ['--workflow', workflow, '--env-file', envFile, '--out', out, ...args],
    60_000,
  );
  const [runId] = (await readdir(out)).filter((name) => /^\d+$/.test(name));
  if (runId) {
    outcome.result = JSON.parse(
      await readFile(join(out, runId, 'result.json'), 'utf8'),
    ) as Outcome['result'];
  }
  return outcome;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'phx-runner-features-'));
  envFile = join(root, 'local.env');
  await writeFile(envFile, `MONGODB_URI=${inject('mongodbUri')}\n`);
});

describe('npm run pipeline: runner features', () => {
  it('puts GITHUB_PATH folders on the PATH of later steps and passes job outputs on', async () => {
    const run = await pipeline('--input', 'who=Maryvale', '--plain');
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.result?.jobs.tools?.outputs.said).toBe('tool ran for Maryvale');
    expect(run.stdout).toMatch(/ {2}- \[tools\] Use the tool: success in \d+\.\ds/);
    expect(run.stdout).toContain('job report: success');
  }, 70_000);

  it('runs as the schedule that fired, which github.event.schedule names', async () => {
    const run = await pipeline('--event', 'schedule', '--schedule', '0 14 1 * *');
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.result?.event).toBe('schedule');
    expect(run.result?.jobs.tools?.outputs.said).toBe('tool ran for 0 14 1 * *');
  }, 70_000);

  it('writes the incident issues a run opened in its local GitHub emulator to issues.json', async () => {
    const out = await mkdtemp(join(root, 'incident-'));
    const refused = join(out, 'refused.env');
    await writeFile(
      refused,
      [
        `MONGODB_URI=${inject('mongodbUri')}`,
        'COUNTY_API_TOKEN=not-the-token-1',
        'INCIDENT_THRESHOLD=1',
      ].join('\n'),
    );
    const { code, stdout } = await runCli(
      ['--env-file', refused, '--out', out, '--input', 'zip-codes=85031'],
      90_000,
    );
    expect(code, stdout).toBe(1);
    expect(stdout).toContain(
      "issue #1 (open): Incident: collect-county: preflight check 'county API reachable' failed",
    );
    const [runId = ''] = (await readdir(out)).filter((name) => /^\d+$/.test(name));
    const issues = JSON.parse(await readFile(join(out, runId, 'issues.json'), 'utf8')) as Array<{
      state: string;
      labels: string[];
      body: string;
    }>;
    expect(issues).toHaveLength(1);
    expect(issues[0]?.labels).toContain('incident');
    expect(issues[0]?.body).not.toContain('not-the-token-1');
  }, 100_000);

  it('names a job it cannot run locally instead of running it without its services', async () => {
    const out = await mkdtemp(join(root, 'ci-'));
    const { code, stdout } = await runCli(
      ['--workflow', '.github/workflows/ci.yml', '--env-file', envFile, '--out', out],
      60_000,
    );
    expect(code).toBe(1);
    expect(stdout).toContain(
      'job checks: failure: job checks uses services:, which the local runner does not start',
    );
  }, 70_000);

  it('refuses a schedule the workflow does not have and inputs on a scheduled run', async () => {
    const cron = await pipeline('--event', 'schedule', '--schedule', '0 3 * * *');
    expect(cron.code).toBe(2);
    expect(cron.stderr).toContain(
      "--schedule '0 3 * * *': workflow runner-features has the schedules 0 14 * * 1, 0 14 1 * *",
    );
    const inputs = await pipeline('--event', 'schedule', '--input', 'who=x');
    expect(inputs.code).toBe(2);
    expect(inputs.stderr).toContain('a schedule run has no inputs');
  }, 70_000);
});
