import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveBrowserPath } from '../../actions/scrape-mls/src/browser.js';
import { readJsonLd } from '../../actions/scrape-mls/src/json-ld.js';
import { scrapeMlsInputs } from '../../actions/scrape-mls/src/inputs.js';
import { DEFAULT_TUNING, scrapeMls } from '../../actions/scrape-mls/src/scrape.js';
import type { Logger } from '../../shared/logger.js';
import { normalizeAddress } from '../../shared/normalize/address-key.js';
import { startListingSite } from '../../local/sandbox/listing-site/server.js';
import { startProxy } from '../../local/sandbox/proxy/server.js';

/**
 * scrape-mls listing pages per minute, browser-only (`rendering: browser`: one Chromium, images,
 * fonts and media blocked) at several concurrencies and adaptive (the default: each page type
 * moves to plain HTTP once its served HTML reads as the browser does), beside a plain HTTP fetch +
 * parse (JSON-LD, address normalisation, hash) of the same pages measured in the same run: the
 * ceiling. Goals: adaptive >= 10x browser-only and >= 0.3x the ceiling on two cores. Then proxy
 * bytes per listing page through the sandbox proxy, browser-only against adaptive (goal: adaptive
 * <= 1/5). The adaptive run is a first night (nothing learned before): its first pages of each
 * type are read in the browser, and Chromium's launch counts. BENCH_SCRAPE_LARGE sets the
 * listings of the ZIP the adaptive scraper reads (default 2,000: a real ZIP's night).
 */
// As the bundled action runs (dist has no source maps): tsx turns Node's source-map support on,
// which makes every stack Playwright captures for its calls several times dearer.
process.setSourceMapsEnabled(false);
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
const LARGE_ZIP = '85033';
const large = await startListingSite({
  seed: 'bench',
  // About two listings in three parcels.
  parcelsPerZip: Math.ceil((Number(process.env.BENCH_SCRAPE_LARGE ?? 2000) * 3) / 2),
  date: '2026-11-20',
  jsonLd: true,
});
process.env.RUNNER_TEMP = root;

async function plainFetch(
  concurrency: number,
  on: { url: string; listings(zip: string): Array<{ mlsNumber: string }> },
  zip: string,
): Promise<number> {
  const urls = on.listings(zip).map((listing) => `${on.url}/listing/${listing.mlsNumber}`);
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
interface Measured {
  perMinute: number;
  listings: number;
  pages: Record<string, number>;
}
async function scrape(
  rendering: 'browser' | 'adaptive',
  concurrency: number,
  on: { url: string },
  zip: string,
  proxies = '',
): Promise<Measured> {
  runs += 1;
  process.env.GITHUB_RUN_ID = `bench${runs}`;
  const inputs = scrapeMlsInputs.parse({
    zipCodes: zip,
    baseUrl: on.url,
    selectors: path.resolve('config/selectors/listing-site.json'),
    concurrency: String(concurrency),
    requestsPerMinute: '0',
    rendering,
    proxies,
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
    pages: shard.stats.loads,
  };
}

const fmt = (value: number): string => value.toFixed(0).padStart(6);
console.log(`Chromium: ${resolveBrowserPath('') ?? "Playwright's managed browser"}`);
console.log(
  `${listings.length} listing pages of ${ZIP} for the browser; figures include launching Chromium and the search pages`,
);
const small = await plainFetch(4, site, ZIP);
console.log(`plain fetch + parse (4 at once): ${fmt(small)} pages/min`);
let bestBrowser = 0;
for (const concurrency of [1, 2, 4]) {
  const measured = await scrape('browser', concurrency, site, ZIP);
  bestBrowser = Math.max(bestBrowser, measured.perMinute);
  console.log(
    `browser-only, ${concurrency} context(s):    ${fmt(measured.perMinute)} pages/min  ` +
      `= ${(measured.perMinute / small).toFixed(3)} x plain fetch; ${measured.listings} listings`,
  );
}
const largeCount = large.listings(LARGE_ZIP).length;
// The ceiling over the same pages, before and after: the higher counts (the lower ratio).
let ceiling = await plainFetch(4, large, LARGE_ZIP);
for (const concurrency of [2, 4]) {
  const measured = await scrape('adaptive', concurrency, large, LARGE_ZIP);
  ceiling = Math.max(ceiling, await plainFetch(4, large, LARGE_ZIP));
  console.log(
    `adaptive, ${concurrency} sessions, ${largeCount} listings: ${fmt(measured.perMinute)} pages/min  ` +
      `= ${(measured.perMinute / bestBrowser).toFixed(1)} x the best browser-only figure (goal >= 10), ` +
      `${(measured.perMinute / ceiling).toFixed(2)} x plain fetch of those pages (${fmt(ceiling)}/min; goal >= 0.3); ` +
      `${measured.pages.browser} pages in the browser, ${measured.pages.http} over HTTP; ${measured.listings} listings`,
  );
}

// Proxy traffic per listing page, as the proxy counts it (both directions, tunnels included).
const proxy = await startProxy();
const bytesPerPage = async (rendering: 'browser' | 'adaptive'): Promise<number> => {
  const before = proxy.stats.bytes;
  const measured = await scrape(rendering, 2, site, ZIP, proxy.url);
  return (proxy.stats.bytes - before) / measured.listings;
};
const viaBrowser = await bytesPerPage('browser');
const viaAdaptive = await bytesPerPage('adaptive');
console.log(
  `proxy bytes per listing page (${listings.length} pages, search pages included): browser-only ` +
    `${fmt(viaBrowser / 1000)} kB, adaptive ${fmt(viaAdaptive / 1000)} kB = ` +
    `${(viaAdaptive / viaBrowser).toFixed(3)} x (goal <= 0.2)`,
);
await proxy.close();
await site.close();
await large.close();
await rm(root, { recursive: true, force: true });
