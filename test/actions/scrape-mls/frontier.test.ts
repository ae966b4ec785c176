import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListingFrontierDocument } from '../../../shared/db/collections.js';
import { startListingSite, type ListingSite } from '../../../local/sandbox/listing-site/server.js';
import { useTestDatabase } from '../../support/database.js';
import { runScrape, SELECTORS, startBench, type Bench } from './harness.js';
import { listingLoads } from './stop-support.js';

const DAY_MS = 86_400_000;
const FIRST_NIGHT = '2026-11-20';

/** Listing pages of the site on its current day, with their prices. */
function market(site: ListingSite): Map<string, number> {
  return new Map(
    site.listings('85031').map((listing) => [`/listing/${listing.mlsNumber}`, listing.listPrice]),
  );
}

describe('scrape-mls listing frontier over several nights', { timeout: 90_000 }, () => {
  const database = useTestDatabase();
  let bench: Bench;
  let site: ListingSite;
  let inputs: Record<string, string>;

  beforeAll(async () => {
    bench = await startBench();
    site = await startListingSite({ seed: 'frontier', parcelsPerZip: 24, date: FIRST_NIGHT });
    inputs = {
      'zip-codes': '85031',
      'base-url': site.url,
      selectors: SELECTORS,
      'requests-per-minute': '0',
      concurrency: '2',
      'mongodb-uri': database.uri,
      // A recheck loads one HTTP page in 100 in the browser too: by design a second load.
      'rendering-recheck': '0',
      database: database.db.databaseName,
    };
  });
  afterAll(async () => {
    await site.close();
    await bench.close();
  });

  /** Runs one night and returns the listing pages it loaded. */
  async function night(runId: string, extra: Record<string, string> = {}) {
    bench.useRun(runId);
    const start = site.requestLog.length;
    const run = await runScrape({ ...inputs, ...extra });
    expect(run.failures).toEqual([]);
    const loaded = listingLoads(site, start);
    // Nothing is visited twice in one night.
    expect(new Set(loaded).size).toBe(loaded.length);
    const stats = (await bench.readArtifact('mls-listings-85031')).runStats[0];
    return { run, loaded: loaded.sort(), counts: stats?.counts ?? {} };
  }

  it('visits new and changed listings first and leaves the rest, least recently visited first, to the next night', async () => {
    const first = market(site);
    const one = await night('831');
    expect(one.loaded).toEqual([...first.keys()].sort());
    const frontier = database.db.collection<ListingFrontierDocument>('listing_frontier');
    expect(await frontier.countDocuments({ zip: '85031', visits: 1 })).toBe(first.size);

    // A later night with listings that are new, cheaper (a weekly price cut), and unchanged.
    let later = market(site);
    let newOnes: string[] = [];
    let changed: string[] = [];
    let same: string[] = [];
    for (let day = 1; day <= 10; day += 1) {
      site.setDate(new Date(Date.parse(FIRST_NIGHT) + day * DAY_MS).toISOString().slice(0, 10));
      later = market(site);
      newOnes = [...later.keys()].filter((path) => !first.has(path));
      changed = [...later.keys()].filter(
        (path) => first.has(path) && first.get(path) !== later.get(path),
      );
      same = [...later.keys()].filter((path) => first.get(path) === later.get(path));
      if (newOnes.length > 0 && changed.length > 0 && same.length >= 2) break;
    }
    expect(newOnes.length * changed.length * Math.min(same.length, 2)).toBeGreaterThan(0);

    const budget = newOnes.length + changed.length;
    const two = await night('832', { 'max-listings': String(budget) });
    expect(two.loaded).toEqual([...newOnes, ...changed].sort());
    expect(two.counts).toMatchObject({
      'listings-known': later.size,
      'listings-new': newOnes.length,
      'listings-changed': changed.length,
      'listings-revisited': 0,
      'listings-left': same.length,
    });
    expect(two.run.outputs.complete).toBe('true');

    // The next night on the same market: what was left has waited longest and goes first.
    const three = await night('833', { 'max-listings': String(same.length) });
    expect(three.loaded).toEqual(same.sort());
    expect(three.counts).toMatchObject({
      'listings-new': 0,
      'listings-changed': 0,
      'listings-revisited': same.length,
      'listings-left': budget,
    });
    const newDoc = await frontier.findOne({ _id: `${site.url}${newOnes[0]}` });
    expect(newDoc).toMatchObject({ zip: '85031', visits: 1, price: later.get(newOnes[0] ?? '') });
    const revisited = await frontier.findOne({ _id: `${site.url}${same[0]}` });
    expect(revisited?.visits).toBe(2);
  }, 180_000);

  it('reads never-visited listings while the result pages go on; listings visited before wait for the whole search', async () => {
    const paged = await startListingSite({
      seed: 'pipelined',
      parcelsPerZip: 90,
      date: FIRST_NIGHT,
    });
    const pageOrder = async (runId: string) => {
      bench.useRun(runId);
      const start = paged.requestLog.length;
      const run = await runScrape({ ...inputs, 'base-url': paged.url });
      expect(run.failures).toEqual([]);
      const kinds = paged.requestLog.slice(start).map((request) => request.kind);
      return {
        firstListing: kinds.indexOf('listing'),
        lastSearch: kinds.lastIndexOf('search'),
        searches: kinds.filter((kind) => kind === 'search').length,
        listings: kinds.filter((kind) => kind === 'listing').length,
      };
    };
    try {
      const first = await pageOrder('841');
      expect(first.searches).toBeGreaterThan(3);
      expect(first.listings).toBe(paged.listings('85031').length);
      // Every listing is new on the first night: its pages start beside the result pages.
      expect(first.firstListing).toBeLessThan(first.lastSearch);
      // The same market the next night: every listing was visited, so the plan of the whole
      // search orders them (least recently visited first), and none is read before it.
      const second = await pageOrder('842');
      expect(second.listings).toBe(first.listings);
      expect(second.firstListing).toBeGreaterThan(second.lastSearch);
    } finally {
      await paged.close();
    }
  });

  it('goes on in search order with a warning when the database does not answer', async () => {
    const run = await runScrape({
      ...inputs,
      'mongodb-uri': 'mongodb://127.0.0.1:9/?serverSelectionTimeoutMS=300',
      'max-listings': '2',
      'artifact-name': 'no-db',
    });
    expect(run.failures).toEqual([]);
    expect(run.outputs).toMatchObject({ listings: '2', complete: 'true' });
    expect(
      run.lines.some((line) =>
        /^warning: mongodb-uri: cannot open the listing frontier/.test(line),
      ),
    ).toBe(true);
    const shard = await bench.readArtifact('no-db-85031');
    const firstTwo = site
      .listings('85031')
      .slice(0, 2)
      .map((listing) => listing.mlsNumber);
    expect(shard.listings.map((listing) => listing.mlsNumber).sort()).toEqual(firstTwo.sort());
  });
});
