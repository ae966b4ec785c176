import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli, type CliRun } from './run-cli.js';

const workflow = 'test/fixtures/workflows/github-runner.yml';

interface JobSummary {
  result: string;
  outputs: Record<string, string>;
  instances: Array<{ label: string; result: string; steps: Array<{ name: string }> }>;
}

interface Outcome extends CliRun {
  runId: string;
  result: { conclusion: string; attempt: number; jobs: Record<string, JobSummary> };
}

let out = '';
let envFile = '';

async function result(runId: string) {
  return JSON.parse(await readFile(join(out, runId, 'result.json'), 'utf8')) as Outcome['result'];
}

/** Runs the fixture in the shared out folder (so caches and artifacts outlive a run, as on GitHub). */
async function pipeline(...args: string[]): Promise<Outcome> {
  const before = new Set(await readdir(out));
  const run = await runCli(
    ['--workflow', workflow, '--env-file', envFile, '--out', out, '--plain', ...args],
    90_000,
  );
  const rerun = args.indexOf('--rerun-failed');
  const runId =
    rerun >= 0
      ? (args[rerun + 1] ?? '')
      : ((await readdir(out)).find((name) => /^\d+$/.test(name) && !before.has(name)) ?? '');
  return { ...run, runId, result: await result(runId) };
}

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'phx-github-runner-'));
  envFile = join(out, 'local.env');
  await writeFile(envFile, `MONGODB_URI=${inject('mongodbUri')}\n`);
});

describe('npm run pipeline: each job on a fresh runner, as on GitHub', () => {
  let first: Outcome;

  beforeAll(async () => {
    first = await pipeline();
  }, 100_000);

  it('gives each job an empty workspace until checkout, then the committed tree without node_modules', () => {
    expect(first.result.jobs.first?.result, first.stdout).toBe('success');
  });

  it('shares nothing between jobs but artifacts: the next job sees no file the first one left', () => {
    expect(first.result.jobs.second?.result, first.stdout).toBe('success');
    expect(first.result.jobs.second?.outputs.notes).toBe(`notes of run ${first.runId}`);
  });

  it('re-runs only the failed shard and what needs it, as attempt 2, keeping what succeeded', async () => {
    expect(first.code).toBe(1);
    expect(first.result.jobs.shards?.result).toBe('failure');
    expect(first.result.jobs.end?.result).toBe('skipped');
    const again = await pipeline('--rerun-failed', first.runId);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.result).toMatchObject({ conclusion: 'success', attempt: 2 });
    expect(again.stdout).toContain('job first: kept from attempt 1');
    expect(again.stdout).toContain('job shards (a): kept from attempt 1');
    expect(again.stdout).toMatch(/job shards \(b\): success/);
    expect(again.result.jobs.end?.outputs.attempt).toBe('2');
    // The earlier attempt's record stays beside the new one.
    const earlier = JSON.parse(
      await readFile(join(out, first.runId, 'result-attempt-1.json'), 'utf8'),
    ) as Outcome['result'];
    expect(earlier.conclusion).toBe('failure');
    const shardLog = await readFile(
      join(out, first.runId, 'attempt-2', 'jobs', 'shards-2', '01.log'),
      'utf8',
    );
    expect(shardLog).toContain('shard b ran on attempt 2');
  }, 100_000);

  it('keeps caches between runs and downloads an earlier run\u2019s artifact by run-id', async () => {
    expect(first.result.jobs.first?.outputs).toMatchObject({
      'cache-hit': 'false',
      cached: `made in run ${first.runId}`,
    });
    const next = await pipeline(
      '--input',
      'fail-shard=none',
      '--input',
      `earlier-run=${first.runId}`,
    );
    expect(next.code, next.stdout + next.stderr).toBe(0);
    expect(next.result.jobs.first?.outputs).toMatchObject({
      'cache-hit': 'true',
      cached: `made in run ${first.runId}`,
    });
    expect(next.result.jobs.second?.outputs).toMatchObject({
      notes: `notes of run ${next.runId}`,
      earlier: `notes of run ${first.runId}`,
    });
  }, 100_000);

  it('stops a job at its timeout with SIGINT first; always() steps and jobs still run', async () => {
    const run = await pipeline('--input', 'fail-shard=none', '--input', 'time-out=true');
    expect(run.result.jobs.slow?.result, run.stdout).toBe('cancelled');
    expect(run.result.conclusion).toBe('cancelled');
    expect(run.result.jobs['after-slow']?.outputs.seen).toBe('cancelled');
    expect(run.stdout).toContain('has exceeded the maximum execution time of 0.1 minutes');
    const logs = join(out, run.runId, 'jobs', 'slow');
    expect(await readFile(join(logs, '01.log'), 'utf8')).toContain('saved partial work at SIGINT');
    expect(await readFile(join(logs, '02.log'), 'utf8')).toContain('cleanup ran after the timeout');
  }, 100_000);
});
