import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sleep } from '../../../shared/collection-stop.js';
import { startListingSite, type ListingSite } from '../../../local/sandbox/listing-site/server.js';
import { FAST, runScrape, SELECTORS, startBench, type Bench } from './harness.js';
import { listingLoads, pagesOf, until } from './stop-support.js';

describe('scrape-mls re-run (attempt 2) on a fresh runner', () => {
  let bench: Bench;
  let site: ListingSite;

  beforeAll(async () => {
    bench = await startBench();
    site = await startListingSite({ seed: 'attempt', parcelsPerZip: 24, date: '2026-11-20' });
  });
  afterAll(async () => {
    await site.close();
    await bench.close();
  });

  it("continues attempt 1's partial artifact and fetches only the listing pages it lacks", async () => {
    const inputs = {
      'zip-codes': '85031',
      'base-url': site.url,
      selectors: SELECTORS,
      'requests-per-minute': '0',
      concurrency: '2',
      // A recheck loads one HTTP page in 100 in the browser too: by design a second load.
      'rendering-recheck': '0',
    };
    bench.useRun('821', { RUNNER_TEMP: join(bench.root, 'attempt-1') });
    const first = site.requestLog.length;
    const sleep: Sleep = (_ms, signal) =>
      until(() => listingLoads(site, first).length >= 4, signal);
    const one = await runScrape({ ...inputs, 'time-budget-minutes': '1' }, FAST, { sleep });
    expect(one.failures).toEqual([]);
    expect(one.outputs.complete).toBe('false');
    const partial = pagesOf((await bench.readArtifact('mls-listings-85031')).listings);
    expect(partial.length).toBeGreaterThanOrEqual(4);
    expect(partial.length).toBeLessThan(site.listings('85031').length);

    // GitHub's "Re-run failed jobs": same run, attempt 2, a new runner with an empty RUNNER_TEMP.
    bench.useRun('821', { RUNNER_TEMP: join(bench.root, 'attempt-2'), GITHUB_RUN_ATTEMPT: '2' });
    const second = site.requestLog.length;
    const two = await runScrape({ ...inputs, 'zip-codes': '85031 85033' });

    expect(two.failures).toEqual([]);
    expect(two.outputs.complete).toBe('true');
    const fetched = listingLoads(site, second).filter((path) => path.startsWith('/listing/631'));
    expect(fetched.filter((path) => partial.includes(path))).toEqual([]);
    const truth = site.listings('85031').map((listing) => `/listing/${listing.mlsNumber}`);
    expect(fetched.sort()).toEqual(truth.filter((path) => !partial.includes(path)).sort());
    // The same artifact name again: attempt 1's is replaced by the whole ZIP.
    expect(
      two.lines.some((line) => /replaces the one an earlier attempt uploaded/.test(line)),
    ).toBe(true);
    const whole = await bench.readArtifact('mls-listings-85031');
    expect(pagesOf(whole.listings)).toEqual(truth.sort());
    expect(whole.runStats[0]).toMatchObject({ outcome: 'success' });
    // A ZIP attempt 1 never uploaded is scraped from the start, without a warning.
    const other = await bench.readArtifact('mls-listings-85033');
    expect(other.listings.length).toBe(site.listings('85033').length);
    expect(two.lines.filter((line) => line.startsWith('warning:'))).toEqual([]);
  }, 120_000);
});
