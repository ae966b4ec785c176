import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sleep } from '../../../shared/collection-stop.js';
import { StopRequest } from '../../../shared/stop-signal.js';
import { startListingSite, type ListingSite } from '../../../local/sandbox/listing-site/server.js';
import { FAST, runScrape, SELECTORS, startBench, type Bench } from './harness.js';
import { listingLoads, pagesOf, until } from './stop-support.js';

describe('scrape-mls with a time budget', { timeout: 90_000 }, () => {
  let bench: Bench;
  let site: ListingSite;
  let inputs: Record<string, string>;

  beforeAll(async () => {
    bench = await startBench();
    site = await startListingSite({ seed: 'budget', parcelsPerZip: 40, date: '2026-11-20' });
    inputs = {
      'zip-codes': '85031',
      'base-url': site.url,
      selectors: SELECTORS,
      'requests-per-minute': '0',
      concurrency: '2',
    };
  });
  afterAll(async () => {
    await site.close();
    await bench.close();
  });

  it('stops taking pages when the budget is spent, uploads what it scraped and succeeds', async () => {
    bench.useRun('801');
    const start = site.requestLog.length;
    // The budget's clock: its half minute ends once the site has served 4 listing pages.
    const asked: number[] = [];
    const sleep: Sleep = async (ms, signal) => {
      asked.push(ms);
      await until(() => listingLoads(site, start).length >= 4, signal);
    };
    const run = await runScrape(
      { ...inputs, 'time-budget-minutes': '0.5', 'artifact-name': 'budget' },
      FAST,
      { sleep },
    );

    expect(run.failures).toEqual([]);
    expect(asked).toEqual([30_000]);
    expect(run.outputs.complete).toBe('false');
    expect(run.summaries[0]).toContain('stopped early: time budget of 0.5 minutes spent');
    const shard = await bench.readArtifact('budget-85031');
    const total = site.listings('85031').length;
    // Every listing in the artifact is a page the site served, once. A page still loading when
    // the budget ended may be abandoned after its 2 s grace: at most one per session.
    const stored = pagesOf(shard.listings);
    const served = listingLoads(site, start);
    expect(new Set(stored).size).toBe(stored.length);
    expect(stored.filter((path) => !served.includes(path))).toEqual([]);
    expect(served.length - stored.length).toBeLessThanOrEqual(2);
    expect(stored.length).toBeGreaterThanOrEqual(2);
    expect(stored.length).toBeLessThan(total);
    expect(run.outputs.listings).toBe(String(stored.length));
    expect(shard.runStats[0]).toMatchObject({
      outcome: 'partial',
      counts: {
        'listings-known': total,
        'listings-new': stored.length,
        'listings-left': total - stored.length,
        failed: 0,
      },
    });
  });

  it('abandons listing pages the site is slow to serve soon after the budget is spent', async () => {
    bench.useRun('803');
    const start = site.requestLog.length;
    const asked = () =>
      site.requestLog.slice(start).filter((request) => request.kind === 'listing');
    let deadline = Infinity;
    let quick: string[] = [];
    const sleep: Sleep = async (_ms, signal) => {
      await until(() => listingLoads(site, start).length >= 3, signal);
      // From now on a listing page takes 20 s; the budget ends while two are under way.
      site.setListingDelay(20_000);
      quick = listingLoads(site, start);
      const before = asked().length;
      await until(() => asked().length >= before + 2, signal);
      deadline = performance.now();
    };
    const run = await runScrape(
      { ...inputs, 'time-budget-minutes': '1', 'artifact-name': 'abandoned' },
      FAST,
      { sleep },
    );
    const afterDeadline = performance.now() - deadline;
    site.setListingDelay(0);

    expect(run.failures).toEqual([]);
    expect(run.outputs).toMatchObject({ complete: 'false' });
    // Well before the 20 s pages: the grace for pages under way is 2 s.
    expect(afterDeadline).toBeLessThan(12_000);
    const shard = await bench.readArtifact('abandoned-85031');
    expect(pagesOf(shard.listings)).toEqual(quick.sort());
    // Abandoned pages are left for a later run, not counted as failures or retries.
    expect(shard.runStats[0]).toMatchObject({ outcome: 'partial', counts: { failed: 0 } });
    expect(shard.runStats[0]?.retries).toBe(0);
  });

  it('stopped before the first page, uploads a valid empty shard and succeeds', async () => {
    bench.useRun('802');
    const start = site.requestLog.length;
    const stop = AbortSignal.abort(new StopRequest('SIGINT from the runner'));
    const run = await runScrape({ ...inputs, 'artifact-name': 'early' }, FAST, { stop });

    expect(run.failures).toEqual([]);
    expect(run.outputs).toMatchObject({ complete: 'false', listings: '0', pages: '0' });
    expect(run.summaries[0]).toContain('stopped early: SIGINT from the runner');
    const pages = site.requestLog
      .slice(start)
      .filter((request) => request.kind === 'listing' || request.kind === 'search');
    expect(pages).toEqual([]);
    const shard = await bench.readArtifact('early-85031');
    expect(shard.listings).toEqual([]);
    expect(shard.runStats[0]?.outcome).toBe('partial');
  });
});
