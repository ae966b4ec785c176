import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { siteScope } from '../../../actions/scrape-mls/src/admit-url.js';
import { LazyBrowser, resolveBrowserPath } from '../../../actions/scrape-mls/src/browser.js';
import { submitCaptchaToken } from '../../../actions/scrape-mls/src/captcha.js';
import { fetchServedPage } from '../../../actions/scrape-mls/src/http-page.js';
import { ProxyPool } from '../../../actions/scrape-mls/src/proxy-pool.js';
import { loadSelectors, type Selectors } from '../../../actions/scrape-mls/src/selectors.js';
import { SessionPool, type Session } from '../../../actions/scrape-mls/src/sessions.js';
import { memoryLogger } from '../../../shared/logger.js';
import { startListingSite, type ListingSite } from '../../../local/sandbox/listing-site/server.js';
import { startProxy, type SandboxProxy } from '../../../local/sandbox/proxy/server.js';
import { SELECTORS } from './harness.js';

const ZIP = '85033';

// One session is one identity on the site, over plain HTTP and in the browser alike: the same
// cookies (a CAPTCHA passed in the browser holds for HTTP) and the same proxy.
describe('scrape-mls sessions', { timeout: 60_000 }, () => {
  let selectors: Selectors;
  const closers: Array<() => Promise<unknown>> = [];
  beforeAll(async () => {
    selectors = await loadSelectors(SELECTORS);
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  const site = async (options: Parameters<typeof startListingSite>[0] = {}) => {
    const started = await startListingSite({
      seed: 'sessions',
      parcelsPerZip: 20,
      date: '2026-11-20',
      ...options,
    });
    closers.push(() => started.close());
    return started;
  };
  const pool = (listingSite: ListingSite, proxy?: SandboxProxy): SessionPool => {
    const browser = new LazyBrowser(resolveBrowserPath(''), memoryLogger());
    closers.push(() => browser.close());
    const proxies = new ProxyPool(proxy ? [{ ...proxy, label: proxy.server }] : []);
    return new SessionPool(browser, proxies, siteScope(listingSite.url), 10_000);
  };
  const session = (sessions: SessionPool): Session => {
    const created = sessions.take()!;
    closers.push(() => sessions.close(created, false));
    return created;
  };
  const overHttp = (listingSite: ListingSite, current: Session, path: string) =>
    fetchServedPage(current.http, `${listingSite.url}${path}`, selectors, {
      timeoutMs: 10_000,
      scope: siteScope(listingSite.url),
      proxied: current.proxy !== null,
    });
  /** The site's session (its `sid` cookie) behind the last request for `path`. */
  const sidOf = (listingSite: ListingSite, path: string) =>
    listingSite.requestLog.findLast((request) => request.path === path)?.session;

  it('opens the browser page with the cookies plain HTTP gathered, and passes later ones on', async () => {
    const listingSite = await site();
    const sessions = pool(listingSite);
    const current = session(sessions);
    const [first, second, third] = listingSite.listings(ZIP).map((l) => `/listing/${l.mlsNumber}`);
    expect(await overHttp(listingSite, current, first!)).toMatchObject({ kind: 'ok' });
    const page = await sessions.page(current);
    await page.goto(`${listingSite.url}${second}`);
    await sessions.browsed(current);
    // The site's session cookie from the HTTP page came with the browser's request.
    expect(sidOf(listingSite, second!)).toBe(sidOf(listingSite, first!));

    // A cookie HTTP is handed once the page is open reaches the page before its next visit.
    current.http.cookies.receive(`${listingSite.url}/`, 'sid=set-over-http; Path=/; HttpOnly');
    await (await sessions.page(current)).goto(`${listingSite.url}${third}`);
    expect(sidOf(listingSite, third!)).toBe('set-over-http');
  });

  it('sends a CAPTCHA pass won in the browser with the later HTTP requests of the session', async () => {
    const challenged = (mls: string) => !mls.endsWith('0');
    const listingSite = await site({
      captcha: {
        siteKey: 'sandbox-key',
        verifyToken: (token) => token === 'solved',
        listings: challenged,
      },
    });
    const sessions = pool(listingSite);
    const current = session(sessions);
    const [first, second] = listingSite
      .listings(ZIP)
      .filter((l) => challenged(l.mlsNumber))
      .map((l) => `/listing/${l.mlsNumber}`);
    // The session starts in the browser: its cookie is the browser's.
    const page = await sessions.page(current);
    await page.goto(`${listingSite.url}${first}`);
    await submitCaptchaToken(page, 'solved', 10_000);
    await sessions.browsed(current);
    const visit = await overHttp(listingSite, current, second!);
    expect(visit).toMatchObject({ kind: 'ok' });
    expect(sidOf(listingSite, second!)).toBe(sidOf(listingSite, first!));
    // A new session has not passed it.
    expect(await overHttp(listingSite, session(sessions), second!)).toMatchObject({
      kind: 'captcha',
    });
  });

  it("sends a session's HTTP requests through its proxy, the one its browser page uses", async () => {
    const listingSite = await site();
    const proxy = await startProxy({ clientAddress: '203.0.113.7' });
    closers.push(() => proxy.close());
    const sessions = pool(listingSite, proxy);
    const current = session(sessions);
    const [first, second] = listingSite.listings(ZIP).map((l) => `/listing/${l.mlsNumber}`);
    expect(await overHttp(listingSite, current, first!)).toMatchObject({ kind: 'ok' });
    // Tunnelled (CONNECT) as Playwright's request client did: the proxy relays, it cannot tag.
    expect(proxy.stats.forwarded).toBe(1);
    expect(proxy.stats.bytes).toBeGreaterThan(2_000);
    const page = await sessions.page(current);
    await page.goto(`${listingSite.url}${second}`);
    // The browser's requests went through the same proxy, which tagged them with its address.
    const browsed = listingSite.requestLog.filter((request) => request.path !== first);
    expect(browsed.length).toBeGreaterThan(0);
    expect(new Set(browsed.map((request) => request.client))).toEqual(new Set(['203.0.113.7']));
    expect(sidOf(listingSite, second!)).toBe(sidOf(listingSite, first!));
  });
});
