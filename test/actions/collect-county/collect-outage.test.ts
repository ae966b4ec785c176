import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBench, runCollect, type Bench } from './harness.js';

// A night on which the county collected nothing is a failed shard, never a success, and what
// was collected is uploaded before the step fails.
describe('collect-county when the county API is down', () => {
  let bench: Bench;
  let inputs: Record<string, string>;

  beforeAll(async () => {
    bench = await startBench({ parcelsPerZip: { '85035': 40, '85009': 0 }, seed: 'outage' });
    inputs = {
      'zip-codes': '85035',
      'api-base-url': bench.sandbox.url,
      'api-token': bench.sandbox.token,
      'requests-per-hour': '0',
      mode: 'full',
    };
  });
  afterAll(() => bench.close());

  it('fails naming the source, the ZIP and the error classes when every request fails, and still uploads', async () => {
    bench.useRun('501');
    bench.sandbox.setFaults({ serverErrors: { every: 1, burst: 1 } });
    const run = await runCollect({ ...inputs, 'artifact-name': 'down' });
    bench.sandbox.setFaults({});

    expect(run.failures).toHaveLength(1);
    expect(run.failures[0]).toMatch(
      /^collect-county failed: ZIP 85035: the county API at http:\/\/127\.0\.0\.1:\d+\/ failed: 0 parcels collected, 0 failed \(server \d+\); search failed: .*; 0 parcels uploaded as down-85035$/,
    );
    expect(run.failures[0]).not.toContain(bench.sandbox.token);
    expect(run.outputs).toMatchObject({ parcels: '0', complete: 'false', 'artifact-name': 'down' });
    expect(run.summaries[0]).toContain('**Failed**: ZIP 85035');
    const shard = await bench.readArtifact('down-85035');
    expect(shard.parcels).toEqual([]);
    expect(shard.runStats[0]?.outcome).toBe('failure');
  });

  it('fails when the search answers but every parcel request fails', async () => {
    bench.useRun('502');
    // Two search pages (40 parcels) are answered, then the county is down. The fault counter
    // runs over every request with the good token since the sandbox started.
    const counted = bench.sandbox.requestLog.filter(
      (request) => request.authorized && request.endpoint !== null,
    ).length;
    bench.sandbox.setFaults({ serverErrors: { every: 1_000_000, burst: 1_000_000 - counted - 2 } });
    const run = await runCollect({ ...inputs, 'artifact-name': 'parcels-down' });
    bench.sandbox.setFaults({});

    expect(run.failures).toHaveLength(1);
    expect(run.failures[0]).toMatch(
      /^collect-county failed: ZIP 85035: the county API at \S+ failed: 0 parcels collected, \d+ failed \(server \d+\); stopped early: the county API kept failing \(circuit open\); \d+ parcels left for a later run; 0 parcels uploaded as parcels-down-85035$/,
    );
    expect(run.summaries[0]).toContain('| 85035 | 40 |');
    expect(run.outputs).toMatchObject({ parcels: '0', 'artifact-name': 'parcels-down' });
    const shard = await bench.readArtifact('parcels-down-85035');
    expect(shard.parcels).toEqual([]);
    expect(shard.runStats[0]?.outcome).toBe('failure');
  });

  it('uploads what it had when the token is refused mid-run, then fails naming api-token', async () => {
    bench.useRun('503');
    // Two search pages and ten parcels are answered, then the token is revoked.
    bench.sandbox.setFaults({});
    const before = bench.sandbox.requestLog.filter((request) => request.authorized).length;
    bench.sandbox.setFaults({ tokenRevokedAfter: before + 12 });
    const run = await runCollect({ ...inputs, concurrency: '1', 'artifact-name': 'revoked' });
    bench.sandbox.setFaults({});

    expect(run.failures).toHaveLength(1);
    expect(run.failures[0]).toMatch(
      /^collect-county failed: input 'api-token': the county API refused the token.* \(ZIP 85035: 10 parcels uploaded as revoked-85035\)$/,
    );
    expect(run.outputs).toMatchObject({ parcels: '10', complete: 'false' });
    const shard = await bench.readArtifact('revoked-85035');
    expect(shard.parcels).toHaveLength(10);
  });

  it('succeeds on a ZIP that has no residential parcels', async () => {
    bench.useRun('504');
    const run = await runCollect({ ...inputs, 'zip-codes': '85009', 'artifact-name': 'empty' });

    expect(run.failures).toEqual([]);
    expect(run.outputs).toMatchObject({ parcels: '0', failed: '0', complete: 'true' });
    const shard = await bench.readArtifact('empty-85009');
    expect(shard.parcels).toEqual([]);
    expect(shard.runStats[0]?.outcome).toBe('success');
  });
});
