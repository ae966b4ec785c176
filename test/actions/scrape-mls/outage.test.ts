import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startListingSite, type ListingSite } from '../../../local/sandbox/listing-site/server.js';
import { runScrape, SELECTORS, startBench, type Bench } from './harness.js';

// A night on which the listing site gave nothing is a failed shard, never a success, and what
// was scraped is uploaded before the step fails.
// Chromium on a busy machine: every page is retried, and the first failures are photographed.
describe('scrape-mls when the listing site is down', () => {
  let bench: Bench;
  let site: ListingSite;
  let empty: ListingSite;
  const inputs = (base: string, artifact: string) => ({
    'zip-codes': '85031',
    'base-url': base,
    selectors: SELECTORS,
    'requests-per-minute': '0',
    'artifact-name': artifact,
  });

  beforeAll(async () => {
    bench = await startBench();
    site = await startListingSite({ seed: 'outage', parcelsPerZip: 3, date: '2026-11-20' });
    empty = await startListingSite({ seed: 'outage', parcelsPerZip: 0, date: '2026-11-20' });
  });
  afterAll(async () => {
    await empty.close();
    await site.close();
    await bench.close();
  });

  it('fails naming the site, the ZIP and the error classes when every page fails, and still uploads', async () => {
    bench.useRun('801');
    site.setOutage({ status: 503 });
    const run = await runScrape(inputs(site.url, 'down'));
    site.setOutage(null);

    expect(run.failures).toEqual([
      expect.stringMatching(
        /^scrape-mls failed: ZIP 85031: the listing site at http:\/\/127\.0\.0\.1:\d+\/ failed: 0 pages collected, 1 failed \(server 1\); 0 listings uploaded as down-85031$/,
      ),
    ]);
    expect(run.outputs).toMatchObject({
      listings: '0',
      complete: 'false',
      'artifact-name': 'down',
    });
    expect(run.summaries[0]).toContain('**Failed**: ZIP 85031');
    const shard = await bench.readArtifact('down-85031');
    expect(shard.listings).toEqual([]);
    expect(shard.runStats[0]?.outcome).toBe('failure');
  }, 60_000);

  it('fails when the search answers but every listing page fails', async () => {
    bench.useRun('802');
    site.setOutage({ status: 502, kinds: ['listing'] });
    const run = await runScrape(inputs(site.url, 'listings-down'));
    site.setOutage(null);

    const listed = site.listings('85031').length;
    expect(listed).toBeGreaterThan(0);
    expect(run.failures).toEqual([
      expect.stringMatching(
        new RegExp(
          `^scrape-mls failed: ZIP 85031: the listing site at \\S+ failed: 0 pages collected, ${listed} failed \\(server ${listed}\\); 0 listings uploaded as listings-down-85031$`,
        ),
      ),
    ]);
    expect((await bench.readArtifact('listings-down-85031')).listings).toEqual([]);
  }, 60_000);

  it('succeeds on a ZIP that has no listings', async () => {
    bench.useRun('803');
    const run = await runScrape(inputs(empty.url, 'none'));

    expect(empty.listings('85031')).toEqual([]);
    expect(run.failures).toEqual([]);
    expect(run.outputs).toMatchObject({ listings: '0', complete: 'true' });
    expect((await bench.readArtifact('none-85031')).runStats[0]?.outcome).toBe('success');
  });
});
