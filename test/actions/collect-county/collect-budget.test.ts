import { setTimeout as wait } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sleep } from '../../../actions/collect-county/src/stop.js';
import { compactApn } from '../../../shared/normalize/apn.js';
import { StopRequest } from '../../../shared/stop-signal.js';
import { startBench, runCollect, type Bench } from './harness.js';

const LATENCY_MS = 150;
const CONCURRENCY = 4;

/** Resolves once `ready()` holds, polling; rejects when `signal` aborts first. */
async function until(ready: () => boolean, signal?: AbortSignal): Promise<void> {
  while (!ready()) await wait(20, undefined, { signal });
}

describe('collect-county with a time budget', () => {
  let bench: Bench;
  let inputs: Record<string, string>;

  beforeAll(async () => {
    bench = await startBench({ parcelsPerZip: 120, seed: 'budget' });
    inputs = {
      'zip-codes': '85033',
      'api-base-url': bench.sandbox.url,
      'api-token': bench.sandbox.token,
      'requests-per-hour': '0',
      concurrency: String(CONCURRENCY),
      mode: 'full',
    };
  });
  afterAll(() => bench.close());

  it('stops taking parcels when the budget is spent and uploads exactly what the county answered', async () => {
    bench.useRun('501');
    bench.sandbox.setFaults({ latencyMs: LATENCY_MS });
    const start = bench.sandbox.requestLog.length;
    const parcelRequests = () =>
      bench.sandbox.requestLog.slice(start).filter((request) => request.endpoint === 'parcel');
    // The budget's clock: its 2 minutes end once the slow county has been asked for 30 parcels.
    const asked: number[] = [];
    let deadline = Infinity;
    const sleep: Sleep = async (ms, signal) => {
      asked.push(ms);
      await until(() => parcelRequests().length >= 30, signal);
      deadline = performance.now();
    };
    const run = await runCollect(
      { ...inputs, 'time-budget-minutes': '2', 'artifact-name': 'budget' },
      { sleep },
    );
    bench.sandbox.setFaults({});

    expect(run.failures).toEqual([]);
    expect(run.outputs.complete).toBe('false');
    expect(asked).toEqual([120_000]);
    expect(run.summaries[0]).toContain('stopped early: time budget of 2 minutes spent');
    const shard = await bench.readArtifact('budget-85033');
    const stored = shard.parcels.map((parcel) => `/parcel/${compactApn(parcel.apn)}`);
    const requested = parcelRequests();
    const answered = requested.filter((request) => request.status === 200);
    // Every parcel the county answered is in the artifact once, and nothing else is.
    expect(stored.toSorted()).toEqual(answered.map((request) => request.path).toSorted());
    expect(new Set(stored).size).toBe(stored.length);
    const beforeDeadline = answered.filter((request) => request.at + LATENCY_MS < deadline);
    expect(beforeDeadline.length).toBeGreaterThanOrEqual(20);
    // No parcel was taken after the deadline: only requests already on their way arrive later.
    const late = requested.filter((request) => request.at > deadline);
    expect(late.length).toBeLessThanOrEqual(CONCURRENCY);
    expect(Number(run.outputs.parcels)).toBe(stored.length);
    const found = shard.runStats[0]?.counts['parcels-found'] ?? 0;
    expect(stored.length).toBeLessThan(found);
    expect(shard.runStats[0]).toMatchObject({
      outcome: 'partial',
      counts: { 'parcels-fetched': stored.length, 'parcels-skipped': found - stored.length },
    });
  });

  it('abandons requests the county is slow to answer soon after the budget is spent', async () => {
    bench.useRun('502');
    bench.sandbox.setFaults({ latencyMs: LATENCY_MS });
    const start = bench.sandbox.requestLog.length;
    const parcelRequests = () =>
      bench.sandbox.requestLog.slice(start).filter((request) => request.endpoint === 'parcel');
    let [slowFrom, deadline] = [Infinity, Infinity];
    const sleep: Sleep = async (_ms, signal) => {
      await until(() => parcelRequests().length >= 8, signal);
      // From now on the county takes 30 s an answer; the budget ends while those are in flight.
      bench.sandbox.setFaults({ latencyMs: 30_000 });
      slowFrom = performance.now();
      const quick = parcelRequests().length;
      await until(() => parcelRequests().length >= quick + CONCURRENCY, signal);
      deadline = performance.now();
    };
    const run = await runCollect(
      { ...inputs, 'time-budget-minutes': '1', 'artifact-name': 'abandoned' },
      { sleep },
    );
    const afterDeadline = performance.now() - deadline;
    bench.sandbox.setFaults({});

    expect(run.failures).toEqual([]);
    expect(run.outputs.complete).toBe('false');
    // Well before the 30 s answers: the grace for requests in flight is 2 s.
    expect(afterDeadline).toBeLessThan(15_000);
    const shard = await bench.readArtifact('abandoned-85033');
    const stored = shard.parcels.map((parcel) => `/parcel/${compactApn(parcel.apn)}`);
    const quick = parcelRequests().filter((request) => request.at < slowFrom);
    expect(stored.toSorted()).toEqual(quick.map((request) => request.path).toSorted());
    // Abandoned parcels are left for a later run, not counted as failures.
    expect(run.outputs.failed).toBe('0');
  });

  it('stopped before anything was collected, uploads a valid empty shard and says why', async () => {
    bench.useRun('503');
    const start = bench.sandbox.requestLog.length;
    const stop = AbortSignal.abort(new StopRequest('SIGINT from the runner'));
    const run = await runCollect({ ...inputs, 'artifact-name': 'empty' }, { stop });

    expect(run.failures).toEqual([]);
    expect(run.outputs).toMatchObject({ complete: 'false', parcels: '0', requests: '0' });
    expect(run.summaries[0]).toContain(
      'stopped before the search finished: SIGINT from the runner',
    );
    expect(bench.sandbox.requestLog.length).toBe(start);
    const shard = await bench.readArtifact('empty-85033');
    expect(shard.parcels).toEqual([]);
    expect(shard.runStats[0]?.outcome).toBe('failure');
  });
});
