import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEVER_YIELDS_SCRIPT } from '../../../../local/sandbox/listing-site/hostile.js';
import {
  startListingSite,
  type ListingSite,
} from '../../../../local/sandbox/listing-site/server.js';

const OFF_SITE = 'http://127.0.0.2:9';

describe('sandbox listing site, hostile option', () => {
  let plain: ListingSite;
  let hostile: ListingSite;
  beforeAll(async () => {
    const options = { seed: 'site-hostile', parcelsPerZip: 20, date: '2026-11-20' };
    plain = await startListingSite(options);
    hostile = await startListingSite({ ...options, hostile: { offSiteUrl: OFF_SITE } });
  });
  afterAll(async () => {
    await plain.close();
    await hostile.close();
  });

  const text = async (site: ListingSite, path: string) =>
    (await fetch(`${site.url}${path}`)).text();

  it('is off by default: the same listings, pages without off-site links or scripts', async () => {
    expect(hostile.listings('85031').map((l) => l.mlsNumber)).toEqual(
      plain.listings('85031').map((l) => l.mlsNumber),
    );
    const results = await text(plain, '/search?zip=85031');
    // No inline script: the only one a plain page has is the site's own bundle.
    for (const marker of [OFF_SITE, 'file:', '169.254.169.254', 'javascript:', '<script>'])
      expect(results).not.toContain(marker);
    expect(results).toContain('<script src="/static/app.js" defer></script>');
    const second = plain.listings('85031')[1]!;
    expect(await text(plain, `/listing/${second.mlsNumber}`)).not.toContain(NEVER_YIELDS_SCRIPT);
  });

  it('links and reaches off the site, serves a 200 kB description, a script that never yields and a redirect', async () => {
    const results = await text(hostile, '/search?zip=85031');
    for (const href of [
      `${OFF_SITE}/listing/`,
      'file:///etc/passwd',
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.1/',
      'javascript:alert(1)',
      `<iframe src="${OFF_SITE}/frame">`,
    ])
      expect(results).toContain(href);
    const last = await text(hostile, '/search?zip=85031&page=2');
    expect(last).toContain(`href="${OFF_SITE}/search?zip=85031&amp;page=3"`);
    const [first, second, third] = hostile.listings('85031');
    expect(first!.description.length).toBeGreaterThan(200_000);
    expect(await text(hostile, `/listing/${first!.mlsNumber}`)).toContain('9'.repeat(25_000));
    expect(await text(hostile, `/listing/${second!.mlsNumber}`)).toContain(NEVER_YIELDS_SCRIPT);
    const moved = await fetch(`${hostile.url}/listing/${third!.mlsNumber}`, { redirect: 'manual' });
    expect(moved.status).toBe(302);
    const location = new URL(moved.headers.get('location') ?? '');
    expect(location.origin).not.toBe(hostile.url);
    expect(location.pathname).toBe(`/listing/${third!.mlsNumber}`);
  });
});
