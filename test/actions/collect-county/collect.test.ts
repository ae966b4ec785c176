import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStageOutput } from '../../../shared/io/stage-output.js';
import { startBench, runCollect, type Bench } from './harness.js';

const ZIPS = { '85031': 60, '85033': 45 };

describe('collect-county against the sandbox county API', () => {
  let bench: Bench;
  let inputs: Record<string, string>;

  beforeAll(async () => {
    bench = await startBench({ parcelsPerZip: ZIPS, seed: 'collect' });
    inputs = {
      'zip-codes': '85031, 85033',
      'api-base-url': bench.sandbox.url,
      'api-token': bench.sandbox.token,
      'requests-per-hour': '0',
      mode: 'full',
    };
  });
  afterAll(() => bench.close());

  it('collects every residential parcel of each ZIP into its own artifact, with run-stats and usage', async () => {
    bench.useRun('101');
    const run = await runCollect({ ...inputs, 'artifact-name': 'county' });

    expect(run.failures).toEqual([]);
    expect(run.outputs).toMatchObject({
      parcels: '105',
      failed: '0',
      'success-rate': '1',
      'artifact-name': 'county',
      complete: 'true',
    });
    let apiRequests = 0;
    for (const [zip, count] of Object.entries(ZIPS)) {
      const shard = await bench.readArtifact(`county-${zip}`);
      // The county API's response time reaches the run-stats, for the report's latency KPI.
      const counts = shard.runStats[0]?.counts ?? {};
      expect(counts['api-latency-ms-total']).toEqual(expect.any(Number));
      apiRequests += counts['api-requests'] ?? 0;
      const expected = Array.from(
        { length: count },
        (_, index) => bench.sandbox.directory(zip).parcel(index).apn,
      );
      expect(shard.parcels.map((parcel) => parcel.apn).sort()).toEqual(expected.sort());
      expect(
        shard.parcels.every((parcel) => parcel.zip === zip && parcel.situs?.parts.zip === zip),
      ).toBe(true);
      expect(shard.runStats).toMatchObject([
        {
          action: 'collect-county',
          shard: zip,
          outcome: 'success',
          counts: { 'parcels-fetched': count },
        },
      ]);
      expect(shard.usage).toMatchObject([{ service: 'county-api', unit: 'request', shard: zip }]);
    }
    // One search page per 25 rows (noise rows included) and one request per parcel: nothing more.
    expect(Number(run.outputs.requests)).toBe(bench.sandbox.requestLog.length);
    expect(apiRequests).toBe(bench.sandbox.requestLog.length);
    // Uploaded whole: the checkpoints are gone from the runner's temp folder.
    const work = join(bench.root, 'runner-temp', 'collect-county', '101');
    expect(existsSync(join(work, 'county-85031'))).toBe(false);
    expect(existsSync(join(work, 'county-85033'))).toBe(false);
    expect(run.summaries[0]).toMatch(/\| 85031 \| 60 \| 60 \| 0 \| 0 \| 0 \| 60 \|/);
  });

  it('masks the token and never writes it to a log line, output or summary', async () => {
    bench.useRun('102');
    const run = await runCollect({ ...inputs, 'zip-codes': '85033', 'artifact-name': 'masked' });
    expect(run.secrets).toContain(bench.sandbox.token);
    const shard = await bench.readArtifact('masked-85033');
    const everything = [
      ...run.lines,
      ...run.summaries,
      ...Object.values(run.outputs),
      JSON.stringify(shard),
    ].join('\n');
    expect(shard.parcels).toHaveLength(45);
    expect(everything).not.toContain(bench.sandbox.token);
    // Every request did carry it.
    expect(bench.sandbox.requestLog.every((request) => request.authorized)).toBe(true);
  });

  it('on a dry run writes the stage folders under RUNNER_TEMP/out and uploads nothing', async () => {
    bench.useRun('105');
    const run = await runCollect({
      ...inputs,
      'zip-codes': '85033',
      'artifact-name': 'rehearsal',
      'dry-run': 'true',
    });
    const folder = join(bench.root, 'runner-temp', 'out', 'rehearsal-85033');
    expect(run.outputs).toMatchObject({ parcels: '45', 'artifact-name': '', complete: 'true' });
    expect(run.summaries[0]).toContain(
      `Stage folders written to \`${join(bench.root, 'runner-temp', 'out')}\` (dry run: nothing uploaded)`,
    );
    expect((await readStageOutput(folder)).manifest).toMatchObject({
      recordCount: 45,
      shard: '85033',
      stage: 'collect-county',
    });
    await expect(bench.readArtifact('rehearsal-85033')).rejects.toThrow(
      /lookup of artifact 'rehearsal-85033' failed/,
    );
  });

  it('fails fast on a refused token, naming the input, without a retry storm', async () => {
    bench.useRun('103');
    const before = bench.sandbox.requestLog.length;
    const wrong = 'not-the-county-token-123';
    const run = await runCollect({ ...inputs, 'api-token': wrong, 'artifact-name': 'refused' });

    expect(run.failures).toHaveLength(1);
    expect(run.failures[0]).toMatch(
      /^collect-county failed: input 'api-token': the county API refused the token/,
    );
    expect(bench.sandbox.requestLog.length - before).toBe(1);
    expect(run.outputs.complete).toBe('false');
    // Each ZIP's artifact is still uploaded (empty here), and the message names them once.
    expect(run.failures[0]).toMatch(
      /\(ZIP 85031: 0 parcels uploaded as refused-85031; ZIP 85033: 0 parcels uploaded as refused-85033\)$/,
    );
    expect((await bench.readArtifact('refused-85033')).runStats[0]?.outcome).toBe('failure');
    expect([...run.lines, ...run.failures].join('\n')).not.toContain(wrong);
    expect(run.elapsedMs).toBeLessThan(5_000);
  });

  it('names a bad ZIP and sends nothing', async () => {
    bench.useRun('104');
    const before = bench.sandbox.requestLog.length;
    const run = await runCollect({ ...inputs, 'zip-codes': '85031 8503X' });
    expect(run.failures).toEqual([
      "collect-county failed: Invalid input: input 'zip-codes': '8503X': expected a 5-digit ZIP code such as 85031",
    ]);
    expect(bench.sandbox.requestLog.length).toBe(before);
  });
});
