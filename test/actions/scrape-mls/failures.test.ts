import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startListingSite, type ListingSite } from '../../../local/sandbox/listing-site/server.js';
import { runScrape, SELECTORS, startBench, type Bench } from './harness.js';

describe('scrape-mls when listing pages cannot be read', { timeout: 90_000 }, () => {
  let bench: Bench;
  let site: ListingSite;
  beforeAll(async () => {
    bench = await startBench();
    site = await startListingSite({
      seed: 'broken',
      parcelsPerZip: 14,
      date: '2026-11-20',
      jsonLd: false,
    });
  });
  afterAll(async () => {
    await site.close();
    await bench.close();
  });

  it('keeps HTML (and a screenshot when read in the browser) of the first failures in the artifact and reports a partial run', async () => {
    // A site redesign: the status is nowhere the selectors look.
    const config = JSON.parse(await readFile(SELECTORS, 'utf8')) as {
      listing: Record<string, unknown>;
    };
    config.listing.status = [{ css: '.listing-status-v2' }];
    const selectors = join(bench.root, 'redesigned.json');
    await writeFile(selectors, JSON.stringify(config));
    bench.useRun('701');
    const run = await runScrape({
      'zip-codes': '85031',
      'base-url': site.url,
      selectors,
      'requests-per-minute': '0',
    });
    // Nothing read is a failed night (above max-failure-rate), not an outage of the site.
    const failed = site.listings('85031').length;
    expect(run.failures).toEqual([
      expect.stringMatching(
        new RegExp(
          `^scrape-mls failed: ZIP 85031: ${failed} of ${failed} pages from the listing site at \\S+ failed \\(100 %, above max-failure-rate 0\\.25; parse ${failed}\\); 0 listings uploaded as mls-listings-85031$`,
        ),
      ),
    ]);
    expect(run.outputs).toMatchObject({ listings: '0', complete: 'false' });
    const shard = await bench.readArtifact('mls-listings-85031');
    const snapshots = shard.manifest.files
      .map((file) => file.path)
      .filter((path) => path.startsWith('snapshots/'));
    expect(snapshots.filter((path) => path.endsWith('.html'))).toHaveLength(5);
    // A screenshot for the pages read in the browser (the first, before listing pages moved to
    // plain HTTP: their served HTML reads as the browser does); HTML only for those read over HTTP.
    const screenshots = snapshots.filter((path) => path.endsWith('.png'));
    expect(screenshots.length).toBeGreaterThanOrEqual(1);
    expect(screenshots.length).toBeLessThan(5);
    expect(shard.runStats[0]?.counts['pages-http']).toBeGreaterThan(0);
    const html = await readFile(
      join(
        shard.dir,
        snapshots.find((path) => path.endsWith('.html'))!,
      ),
      'utf8',
    );
    expect(html).toContain('Phoenix MLS Search');
    const png = await readFile(
      join(
        shard.dir,
        snapshots.find((path) => path.endsWith('.png'))!,
      ),
    );
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(shard.runStats[0]).toMatchObject({
      outcome: 'failure',
      errorsByClass: { parse: failed },
      counts: { failed },
    });
    expect(run.summaries[0]).toMatch(/Partial run/);
    expect(
      run.lines.some(
        (line) => line.startsWith('warning: gave up on') && line.includes('no listing status'),
      ),
    ).toBe(true);
  });
});
