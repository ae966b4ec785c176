import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as wait } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileCommands } from '../../../local/runner/file-commands.js';
import { STOP_GRACE_MS, runStepProcess } from '../../../local/runner/step-process.js';
import { compactApn } from '../../../shared/normalize/apn.js';
import { startBench, type Bench } from './harness.js';

const repo = resolve(import.meta.dirname, '../../..');

describe('collect-county stopped by the runner', () => {
  let bench: Bench;

  beforeAll(async () => {
    bench = await startBench({ parcelsPerZip: 150, seed: 'sigint' });
  });
  afterAll(() => bench.close());

  it('on SIGINT mid-run uploads what it has and exits inside the grace period', async () => {
    bench.useRun('601');
    bench.sandbox.setFaults({ latencyMs: 100 });
    const job = await mkdtemp(join(bench.root, 'job-'));
    const [output, summary] = [join(job, 'output'), join(job, 'summary.md')];
    await Promise.all([writeFile(output, ''), writeFile(summary, ''), mkdir(join(job, 'home'))]);
    const inputs = {
      'zip-codes': '85031',
      'api-base-url': bench.sandbox.url,
      'api-token': bench.sandbox.token,
      'requests-per-hour': '0',
      concurrency: '2',
      mode: 'full',
      'artifact-name': 'stopped',
    };
    // A fresh job's environment, as the local runner gives a JavaScript action.
    const env: Record<string, string> = {
      PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
      HOME: join(job, 'home'),
      RUNNER_TEMP: join(job, 'runner-temp'),
      GITHUB_ACTIONS: 'true',
      GITHUB_RUN_ID: '601',
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
      ...bench.artifacts.clientEnv('601', 'collect-601'),
      ...Object.fromEntries(
        Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]),
      ),
    };
    const start = bench.sandbox.requestLog.length;
    const cancel = new AbortController();
    let exited = false;
    const step = runStepProcess({
      command: process.execPath,
      args: ['--import', 'tsx', 'actions/collect-county/src/index.ts'],
      env,
      cwd: repo,
      logPath: join(job, 'step.log'),
      masks: new Set(),
      timeoutMs: 120_000,
      cancel: cancel.signal,
    }).finally(() => (exited = true));
    while (!exited && bench.parcelFetches().length < 20) await wait(20);
    const cancelledAt = performance.now();
    cancel.abort();
    const result = await step;
    const stopping = performance.now() - cancelledAt;
    bench.sandbox.setFaults({});

    const log = await readFile(join(job, 'step.log'), 'utf8');
    expect(result.cancelled, log).toBe(true);
    // SIGTERM would have followed at 7.5 s: SIGINT alone ended it.
    expect(stopping).toBeLessThan(STOP_GRACE_MS.sigint);
    const outputs = await readFileCommands(output);
    expect(outputs).toMatchObject({ complete: 'false', 'artifact-name': 'stopped' });
    const shard = await bench.readArtifact('stopped-85031');
    const stored = shard.parcels.map((parcel) => `/parcel/${compactApn(parcel.apn)}`);
    const answered = bench.sandbox.requestLog
      .slice(start)
      .filter((request) => request.endpoint === 'parcel' && request.status === 200);
    expect(stored.toSorted()).toEqual(answered.map((request) => request.path).toSorted());
    expect(stored.length).toBeGreaterThanOrEqual(20);
    expect(Number(outputs.parcels)).toBe(stored.length);
    expect(shard.runStats[0]?.outcome).toBe('partial');
    expect(log).toContain('SIGINT from the runner');
    expect(stored.length).toBeLessThan(shard.runStats[0]?.counts['parcels-found'] ?? 0);
  });
});
