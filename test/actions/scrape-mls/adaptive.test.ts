import { chmod, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBrowserPath } from '../../../actions/scrape-mls/src/browser.js';
import type { RenderingModeDocument } from '../../../shared/db/collections.js';
import type { MlsListing } from '../../../shared/model/mls-listing.js';
import { startListingSite, type ListingSite } from '../../../local/sandbox/listing-site/server.js';
import { useTestDatabase } from '../../support/database.js';
import { runScrape, SELECTORS, startBench, type Bench } from './harness.js';
import { listingLoads, pagesOf, until } from './stop-support.js';

const ZIP = '85031';

/** A listing as the artifact has it, without when it was read. */
const comparable = (listing: MlsListing) => ({ ...listing, scrapedAt: '' });

// Each page type starts in the browser and moves to plain HTTP once its served HTML reads the
// same; a page type that needs its script stays in the browser, and one that starts needing it
// mid-run goes back without losing a listing.
describe('scrape-mls adaptive rendering', { timeout: 120_000 }, () => {
  const database = useTestDatabase();
  let bench: Bench;
  const sites: ListingSite[] = [];
  beforeAll(async () => {
    bench = await startBench();
  });
  afterAll(async () => {
    for (const site of sites) await site.close();
    await bench.close();
  });

  const site = async (options: Parameters<typeof startListingSite>[0] = {}) => {
    const started = await startListingSite({
      seed: 'adaptive',
      parcelsPerZip: 60,
      date: '2026-11-20',
      ...options,
    });
    sites.push(started);
    return started;
  };
  const inputs = (listingSite: ListingSite, extra: Record<string, string> = {}) => ({
    'zip-codes': ZIP,
    'base-url': listingSite.url,
    selectors: SELECTORS,
    'requests-per-minute': '0',
    concurrency: '2',
    ...extra,
  });
  const scrape = async (runId: string, given: Record<string, string>) => {
    bench.useRun(runId);
    const run = await runScrape(given);
    expect(run.failures).toEqual([]);
    const shard = await bench.readArtifact(`mls-listings-${ZIP}`);
    return { run, shard, counts: shard.runStats[0]?.counts ?? {} };
  };

  it('moves a server-rendered site to plain HTTP and reads the very listings the browser reads', async () => {
    const served = await site();
    const browser = await scrape('901', inputs(served, { rendering: 'browser' }));
    const adaptive = await scrape('902', inputs(served));
    const all = served.listings(ZIP).length;
    expect(browser.shard.listings).toHaveLength(all);
    expect(browser.counts['pages-http']).toBe(0);
    // 3 agreeing pages of each type in the browser, the rest over HTTP (a recheck aside).
    expect(adaptive.counts['pages-http']).toBeGreaterThan(all - 8);
    expect(adaptive.counts['pages-browser']).toBeLessThan(10);
    expect(adaptive.shard.listings.map(comparable).sort(byUrl)).toEqual(
      browser.shard.listings.map(comparable).sort(byUrl),
    );
    expect(adaptive.run.summaries[0]).toMatch(
      /Rendering: search pages over plain HTTP \(changed 1x in this run\), listing pages over plain HTTP \(changed 1x in this run\); Chromium was started/,
    );
  });

  it('keeps a page type that only renders with JavaScript in the browser and loses no listing', async () => {
    const scripted = await site({ rendering: { listing: 'script' } });
    const { run, shard, counts } = await scrape('903', inputs(scripted));
    expect(pagesOf(shard.listings)).toEqual(
      scripted
        .listings(ZIP)
        .map((listing) => `/listing/${listing.mlsNumber}`)
        .sort(),
    );
    expect(shard.listings.every((listing) => listing.listPrice !== null)).toBe(true);
    // Every listing page in the browser; only the result pages moved to HTTP.
    expect(counts['pages-browser']).toBeGreaterThanOrEqual(shard.listings.length);
    expect(counts['pages-http']).toBeLessThanOrEqual(2);
    expect(run.summaries[0]).toMatch(/listing pages in the browser;/);
  });

  it('notices a page type that starts rendering with JavaScript mid-run and goes back to the browser without losing listings', async () => {
    const switching = await site({ seed: 'switching' });
    switching.setListingDelay(30);
    const start = switching.requestLog.length;
    // Once listing pages are read over HTTP, the site starts delivering them by script.
    const watcher = (async () => {
      await until(() => listingLoads(switching, start).length >= 12);
      switching.setRendering('listing', 'script');
    })();
    const { run, shard, counts } = await scrape('904', inputs(switching));
    await watcher;
    const truth = switching.listings(ZIP);
    expect(pagesOf(shard.listings)).toEqual(
      truth.map((listing) => `/listing/${listing.mlsNumber}`).sort(),
    );
    expect(shard.listings.every((listing) => listing.listPrice !== null)).toBe(true);
    expect(counts['pages-http']).toBeGreaterThan(0);
    expect(shard.runStats[0]).toMatchObject({ outcome: 'success', counts: { failed: 0 } });
    expect(run.summaries[0]).toMatch(/listing pages in the browser \(changed 2x in this run\)/);
  });

  it("notices served HTML that reads complete but is not what the browser shows: the browser's reading replaces the HTTP one", async () => {
    const cached = await site({ seed: 'revised' });
    cached.setListingDelay(30);
    const start = cached.requestLog.length;
    // Once listing pages are read over HTTP, the site serves a week-old copy that a script
    // brings up to date: complete, so only a recheck can tell.
    const watcher = (async () => {
      await until(() => listingLoads(cached, start).length >= 12);
      cached.setRendering('listing', 'revised');
    })();
    // Every HTTP page rechecked, so each one read from the old copy is caught.
    const { run, shard, counts } = await scrape(
      '908',
      inputs(cached, { 'rendering-recheck': '1' }),
    );
    await watcher;
    const truth = new Map(cached.listings(ZIP).map((listing) => [listing.mlsNumber, listing]));
    expect(shard.listings).toHaveLength(truth.size);
    for (const listing of shard.listings) {
      const current = truth.get(listing.mlsNumber);
      expect(listing.listPrice, listing.mlsNumber).toBe(current?.listPrice);
      expect(listing.daysOnMarket, listing.mlsNumber).toBe(current?.daysOnMarket);
    }
    // Some were read over HTTP from the old copy (the script keeps the type in the browser after).
    expect(run.lines.some((line) => /its reading replaces the HTTP one/.test(line))).toBe(true);
    expect(counts['listings-scraped']).toBe(truth.size);
    expect(run.summaries[0]).toMatch(/listing pages in the browser \(changed 2x in this run\)/);
  });

  it('starts a night where the last one ended: an HTTP-only night launches no Chromium', async () => {
    const served = await site({ seed: 'memory' });
    const withDb = { 'mongodb-uri': database.uri, database: database.db.databaseName };
    await scrape('905', inputs(served, withDb));
    const modes = await database.db
      .collection<RenderingModeDocument>('rendering_modes')
      .find({}, { projection: { _id: 0, pageType: 1, mode: 1 } })
      .sort({ pageType: 1 })
      .toArray();
    expect(modes).toEqual([
      { pageType: 'listing', mode: 'http' },
      { pageType: 'search', mode: 'http' },
    ]);
    // A Chromium that leaves a mark when started.
    const real = resolveBrowserPath('');
    const marker = join(bench.root, 'chromium-started');
    const wrapper = join(bench.root, 'chromium-wrapper.sh');
    await writeFile(wrapper, `#!/bin/sh\ntouch '${marker}'\nexec '${real ?? 'chromium'}' "$@"\n`);
    await chmod(wrapper, 0o755);
    const night = await scrape(
      '906',
      // No recheck: a recheck is a page that needs the browser.
      inputs(served, { ...withDb, 'browser-path': wrapper, 'rendering-recheck': '0' }),
    );
    expect(existsSync(marker)).toBe(false);
    expect(night.shard.listings).toHaveLength(served.listings(ZIP).length);
    expect(night.counts['pages-browser']).toBe(0);
    expect(night.run.summaries[0]).toMatch(/Chromium never started/);
    // The wrapper works: a browser-only night starts it.
    await scrape('907', inputs(served, { rendering: 'browser', 'browser-path': wrapper }));
    expect(await readFile(marker, 'utf8')).toBe('');
  });
});

function byUrl(a: { sourceUrl: string }, b: { sourceUrl: string }): number {
  return a.sourceUrl < b.sourceUrl ? -1 : a.sourceUrl > b.sourceUrl ? 1 : 0;
}
