import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBench, runCollect, type Bench } from './harness.js';

describe('collect-county when the county API misbehaves', () => {
  let bench: Bench;
  let inputs: Record<string, string>;

  beforeAll(async () => {
    bench = await startBench({ parcelsPerZip: 80, seed: 'faults' });
    inputs = {
      'zip-codes': '85035',
      'api-base-url': bench.sandbox.url,
      'api-token': bench.sandbox.token,
      'requests-per-hour': '0',
      mode: 'full',
    };
  });
  afterAll(() => bench.close());

  it('collects every parcel exactly once through 429s, 5xx bursts, HTML and truncated bodies', async () => {
    bench.useRun('201');
    bench.sandbox.setFaults({
      // About one request in eight fails; five attempts a parcel make losing one very unlikely.
      tooManyRequests: { every: 43, retryAfterSeconds: 1 },
      serverErrors: { every: 41, burst: 2 },
      htmlBodies: { every: 29 },
      truncatedBodies: { every: 37 },
    });
    const start = bench.sandbox.requestLog.length;
    const run = await runCollect({ ...inputs, 'artifact-name': 'faulty' });
    bench.sandbox.setFaults({});

    const log = bench.sandbox.requestLog.slice(start);
    const faults = new Set(log.map((request) => request.fault));
    expect(faults).toEqual(new Set([null, 'rate-limited', 'server-error', 'html', 'truncated']));
    expect(run.failures).toEqual([]);
    expect(run.lines.filter((line) => line.startsWith('warning'))).toEqual([]);
    expect(run.outputs).toMatchObject({ parcels: '80', failed: '0', complete: 'true' });
    const shard = await bench.readArtifact('faulty-85035');
    const apns = shard.parcels.map((parcel) => parcel.apn);
    expect(new Set(apns).size).toBe(80);
    expect(apns).toHaveLength(80);
    // A parcel once answered is never asked for again: the retries went only to failed attempts.
    const fetched = bench.parcelFetches().slice(-80);
    expect(new Set(fetched).size).toBe(80);
    expect(Number(run.outputs.requests)).toBe(log.length);
    expect(shard.runStats[0]?.retries).toBe(log.filter((request) => request.fault !== null).length);
  });

  it.each([
    ['an hour', 3_600, '60 min'],
    // Past setTimeout's 24.8-day limit: a timer that long would fire at once, in a busy loop.
    ['three years', 100_000_000, '27778 h'],
  ])(
    'ends the shard with what it has when the county asks for a pause of %s',
    async (_what, retryAfterSeconds, shown) => {
      bench.useRun(`21${String(retryAfterSeconds).length}`);
      bench.sandbox.setFaults({ tooManyRequests: { every: 30, retryAfterSeconds } });
      const start = bench.sandbox.requestLog.length;
      const began = performance.now();
      const run = await runCollect({
        ...inputs,
        concurrency: '1',
        'artifact-name': `paused-${retryAfterSeconds}`,
      });
      const took = performance.now() - began;
      bench.sandbox.setFaults({});

      const log = bench.sandbox.requestLog.slice(start);
      // Asked once, not again: no retry, no waiting out the pause.
      expect(log.filter((request) => request.status === 429)).toHaveLength(1);
      expect(took).toBeLessThan(60_000);
      expect(run.outputs).toMatchObject({ complete: 'false' });
      const collected = Number(run.outputs.parcels);
      expect(collected).toBeGreaterThan(0);
      expect(collected).toBeLessThan(80);
      // The job summary says why the shard is incomplete.
      expect(run.summaries.join('\n')).toContain(
        `85035: stopped early: the county API asked for a pause of ${shown} (Retry-After)`,
      );
      // What was collected before the pause is in the shard's artifact.
      const shard = await bench.readArtifact(`paused-${retryAfterSeconds}-85035`);
      expect(shard.parcels).toHaveLength(collected);
    },
  );

  it('keeps to the configured rate: no window holds more requests than the limit, no 429', async () => {
    bench.useRun('202');
    // The county's limit scaled down to 24 requests in 3 s (28,800 an hour). A window of some
    // seconds, like real limits: on a 1 s window the set-up of the first connection (tens of
    // ms on a busy machine) is a large share of the spacing between requests.
    bench.sandbox.setFaults({ rateLimit: { requests: 24, windowMs: 3000 } });
    const start = bench.sandbox.requestLog.length;
    const run = await runCollect({
      ...inputs,
      'requests-per-hour': '28800',
      'max-parcels': '26',
      'artifact-name': 'paced',
    });
    bench.sandbox.setFaults({});

    const log = bench.sandbox.requestLog.slice(start);
    expect(run.outputs).toMatchObject({ parcels: '26', complete: 'true' });
    expect(log.filter((request) => request.status === 429)).toEqual([]);
    const busiest = Math.max(
      ...log.map(
        (request) =>
          log.filter((other) => other.at >= request.at && other.at < request.at + 3000).length,
      ),
    );
    expect(busiest).toBeLessThanOrEqual(24);
    // ... and it used the budget: 30 requests (4 search pages, 26 parcels) at 8/s take about 3.7 s.
    const span = (log.at(-1)?.at ?? 0) - (log[0]?.at ?? 0);
    expect(span).toBeGreaterThan(3_400);
    expect(span).toBeLessThan(6_000);
  });
});
