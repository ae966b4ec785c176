import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DESCRIPTION_CHARS } from '../../../actions/scrape-mls/src/listing-record.js';
import { startListingSite, type ListingSite } from '../../../local/sandbox/listing-site/server.js';
import { useTestDatabase } from '../../support/database.js';
import { FAST, runScrape, SELECTORS, startBench, type Bench } from './harness.js';

/** Another host on this machine (127.0.0.2) that records every request it gets. */
async function startTrap(): Promise<{ url: string; hits: string[]; server: Server }> {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    hits.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<h1>off the site</h1>');
  });
  server.listen(0, '127.0.0.2');
  await once(server, 'listening');
  return { url: `http://127.0.0.2:${(server.address() as AddressInfo).port}`, hits, server };
}

describe('scrape-mls against a hostile listing site', { timeout: 120_000 }, () => {
  const database = useTestDatabase();
  let bench: Bench;
  let site: ListingSite;
  let trap: Awaited<ReturnType<typeof startTrap>>;

  beforeAll(async () => {
    bench = await startBench();
    trap = await startTrap();
    site = await startListingSite({
      seed: 'hostile',
      parcelsPerZip: 20,
      date: '2026-11-20',
      hostile: { offSiteUrl: trap.url },
    });
  });
  afterAll(async () => {
    await site.close();
    await new Promise((done) => trap.server.close(done));
    await bench.close();
  });

  it('stays on the site, reads the adversarial listing, drops pages that never yield or leave, and finishes', async () => {
    bench.useRun('1801');
    const run = await runScrape(
      {
        'zip-codes': '85031',
        'base-url': site.url,
        selectors: SELECTORS,
        'requests-per-minute': '0',
        concurrency: '2',
      },
      { ...FAST, pageTimeoutMs: 8_000 },
    );
    // Not one request reached the other host: no link, next page, image, frame or fetch.
    expect(trap.hits).toEqual([]);

    const truth = site.listings('85031');
    const [adversarial, neverYields, redirecting, ...plain] = truth;
    const gaveUp = run.lines.filter((line) => line.startsWith('warning: gave up on'));
    expect(gaveUp).toHaveLength(2);
    expect(gaveUp).toContain(
      `warning: gave up on ${site.url}/listing/${neverYields!.mlsNumber}: abandoned: the page did not answer page.evaluate within 8 s (a script that never yields?)`,
    );
    const left = gaveUp.find((line) => line.includes(redirecting!.mlsNumber));
    expect(left).toMatch(
      new RegExp(
        `^warning: gave up on \\S+: the page left the site for http://127\\.0\\.0\\.1:\\d+$`,
      ),
    );
    expect(left).not.toMatch(new RegExp(`left the site for ${site.url}$`));
    expect(truth.length).toBeGreaterThan(4);
    const shard = await bench.readArtifact('mls-listings-85031');
    // Every listing but the one that never yields, the adversarial one among them.
    expect(shard.listings.map((listing) => listing.mlsNumber).sort()).toEqual(
      [adversarial, ...plain].map((listing) => listing!.mlsNumber).sort(),
    );
    const stored = shard.listings.find((l) => l.mlsNumber === adversarial!.mlsNumber)!;
    expect(stored).toMatchObject({
      status: adversarial!.status,
      listPrice: adversarial!.listPrice,
      bedrooms: adversarial!.bedrooms,
      livingAreaSqft: adversarial!.livingAreaSqft,
    });
    // The 200 kB description is kept only up to the documented limit.
    expect(adversarial!.description.length).toBeGreaterThan(200_000);
    expect(stored.description).toHaveLength(MAX_DESCRIPTION_CHARS);
    expect(adversarial!.description.startsWith(stored.description!)).toBe(true);

    expect(shard.runStats[0]).toMatchObject({
      outcome: 'partial',
      counts: {
        // Five off-site rows on the first result page and the next link on the last.
        'links-refused': 6,
        'pages-unresponsive': 1,
        failed: 2,
      },
      errorsByClass: { other: 1, client: 1 },
    });
    expect(run.outputs).toMatchObject({ complete: 'false' });
    // A redirect is followed by the browser before it can be refused: the page it lands on, on
    // another origin, is dropped unread.
    const elsewhere = site.requestLog.filter((request) => request.path.endsWith('?landed=1'));
    expect(elsewhere.map((request) => request.path)).toEqual([
      `/listing/${redirecting!.mlsNumber}?landed=1`,
    ]);
    // The abandoned page is not snapshotted, nor is any page off the site.
    expect(shard.manifest.files.filter((file) => file.path.startsWith('snapshots/'))).toEqual([]);
    expect(run.summaries[0]).toContain(
      '85031: 6 links refused (not http(s), another site or a private address: never loaded)',
    );
    expect(run.summaries[0]).toContain('85031: 1 pages abandoned: their script never yielded');
  });

  it("keeps an HTTP page's reading when its recheck in the browser never yields, and goes on rechecking", async () => {
    const withDb = {
      'zip-codes': '85031',
      'base-url': site.url,
      selectors: SELECTORS,
      'requests-per-minute': '0',
      concurrency: '2',
      'mongodb-uri': database.uri,
      database: database.db.databaseName,
    };
    const tuning = { ...FAST, pageTimeoutMs: 8_000 };
    // A first night learns that listing pages read over HTTP, and keeps it.
    bench.useRun('1802');
    await runScrape(withDb, tuning);
    expect(
      await database.db
        .collection('rendering_modes')
        .countDocuments({ pageType: 'listing', mode: 'http' }),
    ).toBe(1);

    // The next night starts over HTTP and loads every HTTP page in the browser too.
    bench.useRun('1803');
    const start = site.requestLog.length;
    const run = await runScrape({ ...withDb, 'rendering-recheck': '1' }, tuning);
    const [adversarial, neverYields, , ...plain] = site.listings('85031');
    const page = `${site.url}/listing/${neverYields!.mlsNumber}`;
    // Its served HTML reads complete; its script only holds the browser, which is given up.
    expect(run.lines).toContainEqual(
      expect.stringMatching(
        new RegExp(`^debug: ${page}: its recheck in the browser failed: .*within 8 s`),
      ),
    );
    expect(
      run.lines.filter((line) => line.includes('its recheck in the browser failed')),
    ).toHaveLength(1);
    expect(run.lines.filter((line) => line.startsWith(`warning: gave up on ${page}`))).toEqual([]);
    const shard = await bench.readArtifact('mls-listings-85031');
    expect(shard.listings.map((listing) => listing.mlsNumber).sort()).toEqual(
      [adversarial, neverYields, ...plain].map((listing) => listing!.mlsNumber).sort(),
    );
    // Every other listing page was loaded twice, over HTTP and in the browser: the session that
    // gave up the stuck page went on rechecking.
    const loads = site.requestLog.slice(start).filter((request) => request.kind === 'listing');
    for (const listing of plain)
      expect(
        loads.filter((request) => request.path === `/listing/${listing.mlsNumber}`),
        listing.mlsNumber,
      ).toHaveLength(2);
    expect(run.summaries[0]).toMatch(/listing pages over plain HTTP;/);
  });
});
