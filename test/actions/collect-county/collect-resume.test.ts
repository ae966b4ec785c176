import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStageOutput } from '../../../shared/io/stage-output.js';
import type { CountyParcel } from '../../../shared/model/county-parcel.js';
import { startBench, runCollect, type Bench } from './harness.js';

const COUNT = 80;
const repo = resolve(import.meta.dirname, '../../..');

describe('collect-county resuming an interrupted run', () => {
  let bench: Bench;
  let inputs: Record<string, string>;

  beforeAll(async () => {
    bench = await startBench({ parcelsPerZip: COUNT, seed: 'resume' });
    inputs = {
      'zip-codes': '85035',
      'api-base-url': bench.sandbox.url,
      'api-token': bench.sandbox.token,
      'requests-per-hour': '0',
      mode: 'full',
    };
  });
  afterAll(() => bench.close());

  it('ends a run the API stopped answering with what it has, then resume-from fetches only the rest', async () => {
    bench.useRun('301');
    // The first 30 requests are answered, then the county is down.
    bench.sandbox.setFaults({ serverErrors: { every: 1_000_000, burst: 1_000_000 - 30 } });
    const first = await runCollect({ ...inputs, 'artifact-name': 'first' });
    bench.sandbox.setFaults({});

    // The county failing for the rest of the ZIP is its outage, not a success: the step fails,
    // saying so, after uploading what it had.
    expect(first.failures).toHaveLength(1);
    expect(first.failures[0]).toMatch(/ZIP 85035: .* from the county API .* failed .*circuit open/);
    expect(first.failures[0]).toContain('parcels uploaded as first-85035');
    expect(first.outputs.complete).toBe('false');
    expect(first.summaries[0]).toContain('**Partial run**');
    expect(first.summaries[0]).toContain('circuit open');
    const kept = Number(first.outputs.parcels);
    expect(kept).toBeGreaterThan(10);
    expect(kept).toBeLessThan(COUNT);
    const partial = await bench.readArtifact('first-85035');
    expect(partial.parcels).toHaveLength(kept);
    // A partial shard keeps its checkpoint beside the artifact.
    const checkpoint = join(bench.root, 'runner-temp', 'collect-county', '301', 'first-85035');
    expect(existsSync(join(checkpoint, 'checkpoint.ndjson'))).toBe(true);
    expect(partial.runStats[0]?.outcome).toBe('partial');
    // The breaker stopped the hammering: a handful of failed attempts, not 5 per remaining parcel.
    const refused = bench.sandbox.requestLog.filter((request) => request.fault === 'server-error');
    expect(refused.length).toBeLessThan(20);

    const before = bench.parcelFetches().length;
    const second = await runCollect({
      ...inputs,
      'artifact-name': 'second',
      'resume-from': 'first',
    });
    expect(second.outputs).toMatchObject({ parcels: String(COUNT), complete: 'true', failed: '0' });
    expect(bench.parcelFetches().length - before).toBe(COUNT - kept);
    const whole = await bench.readArtifact('second-85035');
    expect(new Set(whole.parcels.map((parcel) => parcel.apn)).size).toBe(COUNT);
    expect(whole.parcels).toHaveLength(COUNT);
  });

  it('names resume-from when the previous run left no output', async () => {
    bench.useRun('302');
    const run = await runCollect({
      ...inputs,
      'artifact-name': 'third',
      'resume-from': 'never-ran',
    });
    expect(run.failures).toEqual([
      "collect-county failed: input 'resume-from': expected the artifact-name of a previous run, but no 'never-ran-<zip>' output exists for 85035",
    ]);
  });

  it('started again after a kill with the same folder, re-fetches nothing it had', async () => {
    const temp = join(bench.root, 'killed-temp');
    const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_RUN_ID: '401', RUNNER_TEMP: temp };
    delete env.ACTIONS_RUNTIME_TOKEN;
    delete env.GITHUB_OUTPUT;
    delete env.GITHUB_STEP_SUMMARY;
    for (const [name, value] of Object.entries({
      ...inputs,
      'requests-per-hour': '36000',
      'artifact-name': 'killed',
    })) {
      env[`INPUT_${name.toUpperCase()}`] = value;
    }
    const start = bench.parcelFetches().length;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'actions/collect-county/src/index.ts'],
      { cwd: repo, env, stdio: 'ignore' },
    );
    const exited = new Promise((done) => child.once('exit', done));
    for (
      let waited = 0;
      bench.parcelFetches().length - start < 30 && waited < 20_000;
      waited += 50
    ) {
      await new Promise((done) => setTimeout(done, 50));
    }
    child.kill('SIGKILL');
    await exited;
    const answeredBeforeKill = bench.parcelFetches().length - start;
    expect(answeredBeforeKill).toBeGreaterThanOrEqual(30);
    expect(answeredBeforeKill).toBeLessThan(COUNT);

    const checkpoint = join(temp, 'collect-county', '401', 'killed-85035', 'checkpoint.ndjson');
    const saved = (await readFile(checkpoint, 'utf8'))
      .split('\n')
      .filter((line) => line.endsWith('}')).length;
    expect(saved).toBeGreaterThan(answeredBeforeKill - 8);

    const saved_env = {
      id: process.env.GITHUB_RUN_ID,
      temp: process.env.RUNNER_TEMP,
      token: process.env.ACTIONS_RUNTIME_TOKEN,
    };
    Object.assign(process.env, { GITHUB_RUN_ID: '401', RUNNER_TEMP: temp });
    delete process.env.ACTIONS_RUNTIME_TOKEN;
    try {
      const resumedFrom = bench.parcelFetches().length;
      const run = await runCollect({ ...inputs, 'artifact-name': 'killed' });
      expect(run.outputs).toMatchObject({
        parcels: String(COUNT),
        complete: 'true',
        'artifact-name': '',
      });
      expect(bench.parcelFetches().length - resumedFrom).toBe(COUNT - saved);
      const folder = join(temp, 'out', 'killed-85035');
      expect(run.lines).toContain(`info: stage folders are in ${join(temp, 'out')}`);
      const stage = await readStageOutput<CountyParcel>(folder, {
        expectRecordType: 'county-parcel',
      });
      const apns: string[] = [];
      for await (const parcel of stage.records) apns.push(parcel.apn);
      expect(apns).toHaveLength(COUNT);
      expect(new Set(apns).size).toBe(COUNT);
    } finally {
      for (const [name, value] of [
        ['GITHUB_RUN_ID', saved_env.id],
        ['RUNNER_TEMP', saved_env.temp],
        ['ACTIONS_RUNTIME_TOKEN', saved_env.token],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});
