import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import {
  launchBrowser,
  resolveBrowserPath,
  SYSTEM_CHROMIUM,
  SYSTEM_HEADLESS_SHELL,
} from '../../../actions/scrape-mls/src/browser.js';
import { listingRecord } from '../../../actions/scrape-mls/src/listing-record.js';
import {
  pageReadingScript,
  type PageReading,
} from '../../../actions/scrape-mls/src/page-script.js';
import { loadSelectors, type Selectors } from '../../../actions/scrape-mls/src/selectors.js';
import { readServedHtml } from '../../../actions/scrape-mls/src/served-html.js';
import { memoryLogger } from '../../../shared/logger.js';
import { startListingSite, type ListingSite } from '../../../local/sandbox/listing-site/server.js';
import { SELECTORS } from './harness.js';

// The Chromium the scraper picks, and each of Debian's that is installed: the headless shell it
// prefers, and the full browser (on GitHub's runners, Google Chrome) it runs where there is no shell.
const browsers = [
  ...new Set(
    [resolveBrowserPath(''), SYSTEM_HEADLESS_SHELL, SYSTEM_CHROMIUM].filter(
      (path) => path === undefined || existsSync(path),
    ),
  ),
];

// The adaptive scraper's foundation: a page read from its served HTML gives exactly what the
// browser reads from the rendered DOM, for every page type and layout the site has.
describe.each(browsers)('reading a page from its served HTML (Chromium: %s)', (executable) => {
  let site: ListingSite;
  let browser: Browser;
  let context: BrowserContext;
  let selectors: Selectors;

  beforeAll(async () => {
    site = await startListingSite({ seed: 'served', parcelsPerZip: 60, date: '2026-11-20' });
    browser = await launchBrowser(executable, memoryLogger());
    context = await browser.newContext();
    selectors = await loadSelectors(SELECTORS);
  });
  afterAll(async () => {
    await browser.close();
    await site.close();
  });

  /** The page as Chromium reads it, and as read from the same bytes fetched over plain HTTP. */
  const bothWays = async (url: string): Promise<[PageReading, PageReading, string]> => {
    const page = await context.newPage();
    try {
      const response = await page.goto(url, { waitUntil: 'domcontentloaded' });
      expect(response?.status(), url).toBe(200);
      const rendered = await page.evaluate<PageReading>(pageReadingScript(selectors));
      const html = await (await fetch(url)).text();
      return [rendered, readServedHtml(html, url, selectors), html];
    } finally {
      await page.close();
    }
  };

  it('reads every search results page alike: listing links, result rows, next page', async () => {
    let url: string | null = `${site.url}${selectors.searchPath.replace('{zip}', '85033')}`;
    let pages = 0;
    while (url !== null) {
      const [rendered, served] = await bothWays(url);
      expect(served, url).toEqual(rendered);
      expect(rendered.listingLinks.length, url).toBeGreaterThan(0);
      // Absolute, as a browser resolves them.
      for (const link of served.listingLinks) expect(link.startsWith(site.url)).toBe(true);
      url = rendered.nextPage;
      pages += 1;
    }
    expect(pages).toBeGreaterThan(1);
  });

  it('reads listing pages of layouts a, b and c, with and without JSON-LD, alike', async () => {
    const listings = site.listings('85033').slice(0, 3);
    for (const listing of listings)
      for (const layout of ['a', 'b', 'c'])
        for (const jsonld of ['0', '1']) {
          const url = `${site.url}/listing/${listing.mlsNumber}?layout=${layout}&jsonld=${jsonld}`;
          const [rendered, served, html] = await bothWays(url);
          expect(served, url).toEqual(rendered);
          // ... and so the stored record is the same, whichever way the page came.
          const scrapedAt = new Date('2026-11-20T12:00:00Z');
          expect(listingRecord(served, { url, html, scrapedAt })).toEqual(
            listingRecord(rendered, { url, html, scrapedAt }),
          );
          expect(Object.keys(served.fields).length).toBeGreaterThan(8);
        }
  });

  it('finds no listing data in the served HTML of a page a script renders; the browser reads it all', async () => {
    const listing = site.listings('85033')[0]!;
    const plain = `${site.url}/listing/${listing.mlsNumber}?layout=b&jsonld=1`;
    const [expected] = await bothWays(plain);
    const [rendered, served] = await bothWays(`${plain}&render=script`);
    // The browser ran the script: the same reading as the server-rendered page.
    expect(rendered.fields).toEqual(expected.fields);
    expect(rendered.jsonLd).toEqual(expected.jsonLd);
    // The served HTML holds none of it: an HTTP reader must hand this page type to the browser.
    expect(served.fields).toEqual({});
    expect(served.jsonLd).toEqual([]);
  });

  it('switches a page type to script rendering mid-run, and back', async () => {
    const search = `${site.url}${selectors.searchPath.replace('{zip}', '85033')}`;
    const linksServed = async () =>
      readServedHtml(await (await fetch(search)).text(), search, selectors).listingLinks.length;
    expect(await linksServed()).toBeGreaterThan(0);
    site.setRendering('search', 'script');
    expect(await linksServed()).toBe(0);
    const [rendered] = await bothWays(search);
    expect(rendered.listingLinks.length).toBeGreaterThan(0);
    site.setRendering('search', 'server');
    expect(await linksServed()).toBeGreaterThan(0);
  });

  it('resolves links against the page and its <base href> as a browser does', () => {
    const html = `<html><head><base href="/listings/"></head><body>
      <ul><li class="result"><a class="listing-link" href="12345">A</a></li>
      <li class="result"><a class="listing-link" href="https://other.example/x">B</a></li></ul>
      <a class="next" rel="next" href="?page=2">next</a></body></html>`;
    const reading = readServedHtml(html, 'http://127.0.0.1:9/search/85033', {
      ...selectors,
      results: { ...selectors.results, listingLink: ['a.listing-link'], nextPage: ['a.next'] },
    });
    expect(reading.listingLinks).toEqual([
      'http://127.0.0.1:9/listings/12345',
      'https://other.example/x',
    ]);
    expect(reading.nextPage).toBe('http://127.0.0.1:9/listings/?page=2');
  });
});
