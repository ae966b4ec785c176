import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readJsonLd } from '../../actions/scrape-mls/src/json-ld.js';
import { scrapeMlsInputs } from '../../actions/scrape-mls/src/inputs.js';
import { DEFAULT_TUNING, scrapeMls } from '../../actions/scrape-mls/src/scrape.js';
import type { Logger } from '../../shared/logger.js';
import { normalizeAddress } from '../../shared/normalize/address-key.js';
import { startListingSite } from '../../local/sandbox/listing-site/server.js';

/**
 * scrape-mls listing pages per minute with one Chromium, images, fonts and media blocked, at
 * several concurrencies, beside a plain HTTP fetch + parse (JSON-LD, address normalisation,
 * hash) of the same pages measured in the same run: the ceiling a browser cannot reach. The
 * goal is 300 listing pages a minute on 2 cores; the old system aimed at about 17.
 */
const silent: Logger = {
  debug() {},
  info() {},
  warning() {},
  error() {},
  startGroup() {},
  endGroup() {},
};
const ZIP = '85035';
const root = await mkdtemp(path.join(tmpdir(), 'bench-scrape-mls-'));
const site = await startListingSite({
  seed: 'bench',
  parcelsPerZip: 220,
  date: '2026-11-20',
  jsonLd: true,
});
const listings = site.listings(ZIP);
process.env.RUNNER_TEMP = root;

async function plainFetch(concurrency: number): Promise<number> {
  const urls = listings.map((listing) => `${site.url}/listing/${listing.mlsNumber}`);
  const started = performance.now();
  let parsed = 0;
  const worker = async (): Promise<void> => {
    for (let url = urls.shift(); url !== undefined; url = urls.shift()) {
      const html = await (await fetch(url)).text();
      const blocks = [
        ...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs),
      ].map((match) => JSON.parse(match[1] ?? 'null') as unknown);
      const listing = readJsonLd(blocks);
      if (listing?.address) normalizeAddress(listing.address);
      createHash('sha256').update(html).digest('hex');
      parsed += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return (parsed * 60_000) / (performance.now() - started);
}

let runs = 0;
async function browser(concurrency: number): Promise<{ perMinute: number; listings: number }> {
  runs += 1;
  process.env.GITHUB_RUN_ID = `bench${runs}`;
  const inputs = scrapeMlsInputs.parse({
    zipCodes: ZIP,
    baseUrl: site.url,
    selectors: path.resolve('config/selectors/listing-site.json'),
    concurrency: String(concurrency),
    requestsPerMinute: '0',
    dryRun: 'true',
  });
  const started = performance.now();
  const result = await scrapeMls(inputs, {
    logger: silent,
    artifactClient: null,
    tuning: DEFAULT_TUNING,
  });
  const shard = result.shards[0];
  if (!shard) throw new Error('no shard');
  return {
    perMinute: (shard.stats.listingsScraped * 60_000) / (performance.now() - started),
    listings: shard.listings,
  };
}

const fmt = (value: number): string => value.toFixed(0).padStart(6);
console.log(
  `${listings.length} listing pages of ${ZIP}; browser figures include launching Chromium and the search pages`,
);
const ceiling = await plainFetch(4);
console.log(`plain fetch + parse (4 at once): ${fmt(ceiling)} pages/min`);
for (const concurrency of [1, 2, 4]) {
  const measured = await browser(concurrency);
  console.log(
    `Chromium, ${concurrency} context(s):        ${fmt(measured.perMinute)} pages/min  ` +
      `= ${(measured.perMinute / ceiling).toFixed(3)} x plain fetch, ${(measured.perMinute / 300).toFixed(2)} x goal (300/min), ` +
      `${(measured.perMinute / 17).toFixed(0)} x the old target (17/min); ${measured.listings} listings`,
  );
}
await site.close();
await rm(root, { recursive: true, force: true });
