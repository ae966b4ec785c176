import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxParcel } from '../../../../local/sandbox/county/parcel-facts.js';
import { listingsOn } from '../../../../local/sandbox/listing-site/listings.js';
import {
  startListingSite,
  type ListingSite,
} from '../../../../local/sandbox/listing-site/server.js';

describe('sandbox listing site', () => {
  let site: ListingSite;
  beforeAll(async () => {
    site = await startListingSite({
      seed: 'site',
      parcelsPerZip: 40,
      date: '2026-11-20',
      requestsPerMinute: 5,
      blockedClients: ['10.6.6.6'],
      robotsDisallow: ['/admin/', '/listing/private'],
      captcha: {
        siteKey: '6LeSandboxSiteKey0001',
        verifyToken: (token) => token === 'good-token',
        listings: [],
      },
    });
  });
  afterAll(() => site.close());

  it('lists county parcels, written the way listings write them', () => {
    const listings = site.listings('85031');
    expect(listings.length).toBeGreaterThan(10);
    for (const listing of listings) {
      expect(listing.parcel).toEqual(sandboxParcel('site', '85031', listing.parcel.index));
      expect(listing.streetLine.toUpperCase().replace(/\s+/g, ' ')).toMatch(/^\d+ /);
    }
    expect(new Set(listings.map((listing) => listing.layout)).size).toBe(3);
  });

  it('changes from one day to the next: listings appear, leave, and cut prices', () => {
    const today = listingsOn('site', '85031', 200, '2026-11-20');
    const later = listingsOn('site', '85031', 200, '2026-11-27');
    const ids = (list: typeof today) => new Set(list.map((listing) => listing.parcel.index));
    const [before, after] = [ids(today), ids(later)];
    expect([...after].some((index) => !before.has(index))).toBe(true);
    expect([...before].some((index) => !after.has(index))).toBe(true);
    const cut = later.filter((listing) => {
      const earlier = today.find((candidate) => candidate.mlsNumber === listing.mlsNumber);
      return earlier !== undefined && listing.listPrice < earlier.listPrice;
    });
    expect(cut.length).toBeGreaterThan(0);
    expect(listingsOn('site', '85031', 200, '2026-11-20')).toEqual(today);
  });

  it('serves robots.txt, a search form, paged results and listing pages; blocks a blocked client; caps the rate', async () => {
    expect(await (await fetch(`${site.url}/robots.txt`)).text()).toContain(
      'Disallow: /listing/private',
    );
    expect(await (await fetch(`${site.url}/`)).text()).toContain('<form id="search"');
    const results = await fetch(`${site.url}/search?zip=85031`);
    expect(results.headers.get('set-cookie')).toMatch(/^sid=/);
    const html = await results.text();
    expect(html).toContain('rel="next"');
    const mls = site.listings('85031')[0]?.mlsNumber;
    expect(html).toContain(`/listing/${mls}`);
    const blocked = await fetch(`${site.url}/listing/${mls}`, {
      headers: { 'x-forwarded-for': '10.6.6.6' },
    });
    expect(blocked.status).toBe(403);
    expect(await blocked.text()).toContain('Access denied');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1)
      statuses.push((await fetch(`${site.url}/listing/${mls}`)).status);
    expect(statuses).toContain(429);
    const limited = await fetch(`${site.url}/listing/${mls}`);
    expect(limited.headers.get('retry-after')).toBe('30');
  });
});

describe('sandbox listing site CAPTCHA', () => {
  it('challenges with a reCAPTCHA widget until the session posts a valid token', async () => {
    const probe = await startListingSite({ seed: 'c', parcelsPerZip: 10, date: '2026-11-20' });
    const mls = probe.listings('85033')[0]?.mlsNumber ?? '';
    await probe.close();
    const site = await startListingSite({
      seed: 'c',
      parcelsPerZip: 10,
      date: '2026-11-20',
      captcha: {
        siteKey: '6LeSandboxSiteKey0001',
        verifyToken: (token) => token === 'good-token',
        listings: [mls],
      },
    });
    try {
      const first = await fetch(`${site.url}/listing/${mls}`);
      const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      expect(await first.text()).toContain('data-sitekey="6LeSandboxSiteKey0001"');
      const post = (token: string) =>
        fetch(`${site.url}/challenge/verify`, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ 'g-recaptcha-response': token, return: `/listing/${mls}` }),
        });
      await post('bad-token');
      expect(
        await (await fetch(`${site.url}/listing/${mls}`, { headers: { cookie } })).text(),
      ).toContain('data-sitekey');
      expect((await post('good-token')).headers.get('location')).toBe(`/listing/${mls}`);
      const page = await (
        await fetch(`${site.url}/listing/${mls}`, { headers: { cookie } })
      ).text();
      expect(page).not.toContain('data-sitekey');
      expect(page).toContain(mls);
    } finally {
      await site.close();
    }
  });
});
