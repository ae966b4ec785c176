import type { Browser, BrowserContext } from 'playwright-core';
import { siteScope } from '../../../actions/scrape-mls/src/admit-url.js';
import { launchBrowser, resolveBrowserPath } from '../../../actions/scrape-mls/src/browser.js';
import { memoryLogger } from '../../../shared/logger.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listingRecord } from '../../../actions/scrape-mls/src/listing-record.js';
import { loadSelectors, type Selectors } from '../../../actions/scrape-mls/src/selectors.js';
import { visitPage } from '../../../actions/scrape-mls/src/visit.js';
import type { MlsListing } from '../../../shared/model/mls-listing.js';
import { startListingSite, type ListingSite } from '../../../local/sandbox/listing-site/server.js';
import { SELECTORS } from './harness.js';

/** The values a listing means, whatever page it came from. */
function canonical(record: MlsListing) {
  const { sourceUrl, scrapedAt, rawHtmlSha256, address, ...values } = record;
  void [sourceUrl, scrapedAt, rawHtmlSha256];
  return { ...values, line: address.line, key: address.key, parts: address.parts };
}

describe('reading listing pages of every layout', () => {
  let site: ListingSite;
  let browser: Browser;
  let context: BrowserContext;
  let selectors: Selectors;

  beforeAll(async () => {
    site = await startListingSite({
      seed: 'layouts',
      parcelsPerZip: 30,
      date: '2026-11-20',
      notices: {},
    });
    browser = await launchBrowser(resolveBrowserPath(''), memoryLogger());
    context = await browser.newContext();
    selectors = await loadSelectors(SELECTORS);
  });
  afterAll(async () => {
    await browser.close();
    await site.close();
  });

  const read = async (path: string): Promise<MlsListing> => {
    const page = await context.newPage();
    try {
      const url = `${site.url}${path}`;
      const outcome = await visitPage(page, url, selectors, {
        scope: siteScope(site.url),
        timeoutMs: 10_000,
        pageTimeoutMs: 10_000,
        proxied: false,
      });
      if (outcome.kind !== 'ok') throw new Error(`${path}: ${outcome.kind}`);
      return listingRecord(outcome.reading, { url, html: outcome.html, scrapedAt: new Date() });
    } finally {
      await page.close();
    }
  };

  it('gives the same canonical values from layouts a, b, c and from JSON-LD', async () => {
    const listings = site.listings('85035').slice(0, 4);
    // A condo ("Unit 203" / "#203") among them when the day has one, so units are covered.
    const condo = site.listings('85035').find((listing) => listing.unit !== null);
    if (condo && !listings.includes(condo)) listings.push(condo);
    for (const listing of listings) {
      const path = `/listing/${listing.mlsNumber}`;
      const [a, b, c, ld] = await Promise.all([
        read(`${path}?layout=a&jsonld=0`),
        read(`${path}?layout=b&jsonld=0`),
        read(`${path}?layout=c&jsonld=0`),
        read(`${path}?layout=b&jsonld=1`),
      ]);
      expect(canonical(b)).toEqual(canonical(a));
      expect(canonical(c)).toEqual(canonical(a));
      expect(canonical(ld)).toEqual(canonical(a));
      expect(a).toMatchObject({
        mlsNumber: listing.mlsNumber,
        status: listing.status,
        listPrice: listing.listPrice,
        bedrooms: listing.bedrooms,
        bathrooms: {
          full: listing.fullBaths,
          half: listing.halfBaths,
          total: listing.fullBaths + listing.halfBaths / 2,
        },
        livingAreaSqft: listing.livingAreaSqft,
        lotSizeSqft: listing.lotSizeSqft,
        yearBuilt: listing.yearBuilt,
        propertyType: listing.propertyType,
        listedOn: listing.listedOn,
        daysOnMarket: listing.daysOnMarket,
        photoCount: listing.photoCount,
        zip: '85035',
        apn: null,
      });
      const unit = listing.unit === null ? '' : ` UNIT ${listing.unit.replace(/\D/g, '')}`;
      expect(a.address.key).toBe(`${listing.parcel.street}${unit} 85035`);
    }
  });
});
