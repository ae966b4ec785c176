import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStageOutput, readStageRecords } from '../../../shared/io/stage-output.js';
import type { MlsListing } from '../../../shared/model/mls-listing.js';
import type { RunStats } from '../../../shared/model/run-stats.js';
import { startListingSite, type ListingSite } from '../../../local/sandbox/listing-site/server.js';
import { runScrape, SELECTORS, startBench, type Bench } from './harness.js';

describe('scrape-mls against the sandbox listing site', { timeout: 90_000 }, () => {
  let bench: Bench;
  let site: ListingSite;

  beforeAll(async () => {
    bench = await startBench();
    site = await startListingSite({
      seed: 'phx',
      parcelsPerZip: 24,
      date: '2026-11-20',
      robotsDisallow: ['/admin/'],
    });
  });
  afterAll(async () => {
    await site.close();
    await bench.close();
  });

  it('scrapes every listing of each ZIP into its own artifact with run-stats, and loads no images', async () => {
    bench.useRun('301');
    const run = await runScrape({
      'zip-codes': '85031 85033',
      'base-url': site.url,
      selectors: SELECTORS,
      'requests-per-minute': '0',
      concurrency: '2',
    });
    expect(run.failures).toEqual([]);
    const expected = site.listings('85031').length + site.listings('85033').length;
    expect(run.outputs).toMatchObject({
      listings: String(expected),
      complete: 'true',
      blocked: '0',
      'artifact-name': 'mls-listings',
    });
    const shard = await bench.readArtifact('mls-listings-85031');
    const truth = site.listings('85031');
    expect(shard.listings.map((listing) => listing.mlsNumber).sort()).toEqual(
      truth.map((listing) => listing.mlsNumber).sort(),
    );
    for (const listing of truth) {
      const record = shard.listings.find((candidate) => candidate.mlsNumber === listing.mlsNumber);
      expect(record).toMatchObject({
        status: listing.status,
        listPrice: listing.listPrice,
        bedrooms: listing.bedrooms,
        bathrooms: { full: listing.fullBaths, half: listing.halfBaths },
        livingAreaSqft: listing.livingAreaSqft,
        yearBuilt: listing.yearBuilt,
        zip: '85031',
        listedOn: listing.listedOn,
      });
      // Joins to the county parcel by address key.
      expect(record?.address.line?.startsWith(listing.parcel.street)).toBe(true);
    }
    expect(shard.runStats).toMatchObject([
      { action: 'scrape-mls', shard: '85031', outcome: 'success' },
    ]);
    // Images, fonts and media are never loaded.
    expect(site.requestLog.filter((request) => /^\/photos\/|\.woff2$/.test(request.path))).toEqual(
      [],
    );
    expect(run.summaries[0]).toMatch(/\| 85031 \|/);
  });

  it('respects robots.txt and, in a dry run, writes the stage folder under RUNNER_TEMP/out', async () => {
    const probe = site.listings('85035');
    const hidden = probe[1]?.mlsNumber ?? '';
    const robotsSite = await startListingSite({
      seed: 'phx',
      parcelsPerZip: 12,
      date: '2026-11-20',
      robotsDisallow: [`/listing/${hidden}`],
    });
    try {
      bench.useRun('302');
      const run = await runScrape({
        'zip-codes': '85035',
        'base-url': robotsSite.url,
        selectors: SELECTORS,
        'requests-per-minute': '0',
        'dry-run': 'true',
      });
      expect(run.failures).toEqual([]);
      const total = robotsSite.listings('85035').length;
      expect(run.outputs).toMatchObject({
        listings: String(total - 1),
        'artifact-name': '',
        complete: 'true',
      });
      expect(robotsSite.requestLog.some((request) => request.path === `/listing/${hidden}`)).toBe(
        false,
      );
      const dir = join(bench.root, 'runner-temp', 'out', 'mls-listings-85035');
      const stage = await readStageOutput<MlsListing>(dir, { expectRecordType: 'mls-listing' });
      expect(stage.manifest.recordCount).toBe(total - 1);
      const stats = [];
      for await (const record of readStageRecords<RunStats>(dir, stage.manifest, 'run-stats'))
        stats.push(record);
      expect(stats[0]?.counts['robots-skipped']).toBe(1);
      expect(run.summaries[0]).toContain(
        `Stage folders written to \`${join(bench.root, 'runner-temp', 'out')}\` (dry run: nothing uploaded)`,
      );
    } finally {
      await robotsSite.close();
    }
  });

  it('visits the listing pages as the identities that read the result pages, one per session', async () => {
    const from = site.requestLog.length;
    bench.useRun('303');
    const run = await runScrape({
      'zip-codes': '85033',
      'base-url': site.url,
      selectors: SELECTORS,
      'requests-per-minute': '0',
      concurrency: '2',
      'dry-run': 'true',
    });
    expect(run.failures).toEqual([]);
    expect(run.outputs.listings).toBe(String(site.listings('85033').length));
    const pages = site.requestLog
      .slice(from)
      .filter((request) => request.kind === 'search' || request.kind === 'listing');
    expect(pages.filter((request) => request.kind === 'listing')).toHaveLength(
      site.listings('85033').length,
    );
    // The site's session cookie: the sessions of the search went on to the listing pages, so
    // the site saw no more identities than the crawl has sessions.
    const identities = new Set(pages.map((request) => request.session));
    expect(identities.size).toBeGreaterThanOrEqual(1);
    expect(identities.size).toBeLessThanOrEqual(2);
  });
});
