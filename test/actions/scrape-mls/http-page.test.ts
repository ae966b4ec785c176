import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { siteScope } from '../../../actions/scrape-mls/src/admit-url.js';
import { fetchServedPage, MAX_SERVED_BYTES } from '../../../actions/scrape-mls/src/http-page.js';
import { httpReadingComplete } from '../../../actions/scrape-mls/src/rendering-plan.js';
import { loadSelectors, type Selectors } from '../../../actions/scrape-mls/src/selectors.js';
import { SessionHttp } from '../../../actions/scrape-mls/src/session-http.js';
import { startListingSite, type ListingSite } from '../../../local/sandbox/listing-site/server.js';
import { startProxy, type SandboxProxy } from '../../../local/sandbox/proxy/server.js';
import { SELECTORS } from './harness.js';

// Loading a page without a browser: the session's own HTTP client (undici and a cookie jar),
// through the session's proxy and with its cookies, read with the browser's page reader.
describe('fetchServedPage', () => {
  let selectors: Selectors;
  const closers: Array<() => Promise<unknown>> = [];
  beforeAll(async () => {
    selectors = await loadSelectors(SELECTORS);
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });
  afterAll(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  const site = async (
    options: Parameters<typeof startListingSite>[0] = {},
  ): Promise<ListingSite> => {
    const started = await startListingSite({
      seed: 'http',
      parcelsPerZip: 20,
      date: '2026-11-20',
      ...options,
    });
    closers.push(() => started.close());
    return started;
  };
  const api = (proxy?: SandboxProxy, timeoutMs = 10_000): SessionHttp => {
    const endpoint = proxy && { ...proxy, label: proxy.server };
    const client = new SessionHttp(endpoint ?? null, { timeoutMs });
    closers.push(() => client.close());
    return client;
  };

  it('reads a listing page through the proxy, keeping the session cookie, and counts its bytes', async () => {
    const listingSite = await site();
    const proxy = await startProxy();
    closers.push(() => proxy.close());
    const client = api(proxy);
    const [first, second] = listingSite.listings('85033');
    const a = await fetchServedPage(
      client,
      `${listingSite.url}/listing/${first!.mlsNumber}`,
      selectors,
      { timeoutMs: 10_000, scope: siteScope(listingSite.url), proxied: false },
    );
    const b = await fetchServedPage(
      client,
      `${listingSite.url}/listing/${second!.mlsNumber}`,
      selectors,
      { timeoutMs: 10_000, scope: siteScope(listingSite.url), proxied: false },
    );
    expect(a.kind).toBe('ok');
    if (a.kind !== 'ok') return;
    expect(a.reading.fields.mlsNumber).toBe(first!.mlsNumber);
    expect(httpReadingComplete('listing', a.reading)).toBe(true);
    // One session: the cookie the first page set came back with the second; both via the proxy.
    const [one, two] = listingSite.requestLog.slice(-2);
    expect(two?.session).toBe(one?.session);
    // Tunnelled (CONNECT) even for http://: the proxy relays both pages, it cannot tag them.
    expect(proxy.stats.forwarded).toBe(2);
    // The estimate is of the order the proxy relayed (the proxy counts both directions).
    const estimated = a.bytes + b.bytes;
    expect(estimated).toBeGreaterThan(proxy.stats.bytes * 0.5);
    expect(estimated).toBeLessThan(proxy.stats.bytes * 1.5);
  });

  it('tells the outcomes apart as the browser does: 429, block page, CAPTCHA, gone, script-rendered', async () => {
    const listingSite = await site({
      requestsPerMinute: 3,
      retryAfterSeconds: 7,
      captcha: {
        siteKey: 'sandbox-key',
        verifyToken: () => false,
        listings: (mls) => mls.endsWith('2') || mls.endsWith('7'),
      },
    });
    const client = api();
    const listings = listingSite.listings('85033');
    const challenged = listings.find(
      (l) => l.mlsNumber.endsWith('2') || l.mlsNumber.endsWith('7'),
    )!;
    const plain = listings.find((l) => l !== challenged && !/[27]$/.test(l.mlsNumber))!;
    const visit = (path: string) =>
      fetchServedPage(client, `${listingSite.url}${path}`, selectors, {
        timeoutMs: 10_000,
        scope: siteScope(listingSite.url),
        proxied: false,
      });

    expect(await visit(`/listing/${challenged.mlsNumber}`)).toMatchObject({
      kind: 'captcha',
      siteKey: 'sandbox-key',
    });
    expect(await visit('/listing/0000000')).toMatchObject({
      kind: 'error',
      gone: true,
      errorClass: 'client',
    });
    const scripted = await visit(`/listing/${plain.mlsNumber}?render=script`);
    expect(scripted.kind).toBe('ok');
    if (scripted.kind === 'ok')
      expect(httpReadingComplete('listing', scripted.reading)).toBe(false);
    expect(await visit(`/listing/${plain.mlsNumber}`)).toMatchObject({
      kind: 'rate-limited',
      retryAfterMs: 7_000,
    });

    const blocking = await site({ blockedClients: ['127.0.0.1', '::ffff:127.0.0.1'] });
    const blocked = await fetchServedPage(
      client,
      `${blocking.url}/listing/${plain.mlsNumber}`,
      selectors,
      { timeoutMs: 10_000, scope: siteScope(blocking.url), proxied: false },
    );
    expect(blocked).toMatchObject({ kind: 'blocked', status: 403 });
  });

  it('never requests a redirect target off the site; follows one on the site', async () => {
    const listingSite = await site({ hostile: { offSiteUrl: 'http://127.0.0.2:9' } });
    const client = api();
    const redirecting = listingSite.listings('85033')[2]!;
    const before = listingSite.requestLog.length;
    const outcome = await fetchServedPage(
      client,
      `${listingSite.url}/listing/${redirecting.mlsNumber}`,
      selectors,
      { timeoutMs: 10_000, scope: siteScope(listingSite.url), proxied: false },
    );
    expect(outcome).toMatchObject({ kind: 'error', offSite: true, retryable: false });
    // Only the redirecting page itself was requested.
    expect(listingSite.requestLog.length - before).toBe(1);
  });

  it('reports a dead proxy and one refusing its credentials as proxy failures, never as the site', async () => {
    const listingSite = await site();
    const url = `${listingSite.url}/listing/${listingSite.listings('85033')[0]!.mlsNumber}`;
    const options = { timeoutMs: 3_000, scope: siteScope(listingSite.url), proxied: true };
    const dead = await startProxy({ mode: 'dead' });
    closers.push(() => dead.close());
    expect(await fetchServedPage(api(dead), url, selectors, options)).toMatchObject({
      kind: 'proxy-error',
      fatal: true,
    });
    const refusing = await startProxy({ mode: 'reject' });
    closers.push(() => refusing.close());
    const refused = await fetchServedPage(api(refusing), url, selectors, options);
    expect(refused).toMatchObject({ kind: 'proxy-error', fatal: true });
    expect(refused.kind === 'proxy-error' && refused.message).toMatch(/407/);
    const slow = await startProxy({ mode: 'slow', slowMs: 5_000 });
    closers.push(() => slow.close());
    const late = await fetchServedPage(api(slow, 1_000), url, selectors, {
      ...options,
      timeoutMs: 1_000,
    });
    // A slow proxy is one strike, not a retirement.
    expect(late).toMatchObject({ kind: 'proxy-error', fatal: false });
  });

  it('reports a site that does not answer, without a proxy, as a network error within its timeout', async () => {
    const outcome = await fetchServedPage(api(), 'http://127.0.0.1:9/listing/1', selectors, {
      timeoutMs: 3_000,
      scope: siteScope('http://127.0.0.1:9'),
      proxied: false,
    });
    expect(outcome).toMatchObject({ kind: 'error', retryable: true, errorClass: 'network' });
  });

  it('refuses a page larger than a listing page can be, and stops downloading it', async () => {
    // A site serving 64 kB chunks for as long as the client reads: 50 MB unless it stops.
    let written = 0;
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pour = (response: ServerResponse) => {
      response.on('close', () => clearInterval(timer));
      const timer = setInterval(() => {
        if (written > 50 * 1024 * 1024) {
          response.end();
          return;
        }
        written += chunk.length;
        response.write(chunk);
      }, 1);
    };
    const server = createServer((request, response) => {
      const declared = request.url === '/declared' ? { 'content-length': '50000000' } : {};
      response.writeHead(200, { 'content-type': 'text/html', ...declared });
      pour(response);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    closers.push(() => new Promise((done) => server.close(done)));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const client = api();
    const options = { timeoutMs: 10_000, scope: siteScope(base), proxied: false };

    const declared = await fetchServedPage(client, `${base}/declared`, selectors, options);
    expect(declared).toMatchObject({ kind: 'error', retryable: false, errorClass: 'client' });
    expect(declared.kind === 'error' && declared.message).toMatch(/50000000 bytes/);
    written = 0;
    const streamed = await fetchServedPage(client, `${base}/streamed`, selectors, options);
    expect(streamed).toMatchObject({ kind: 'error', retryable: false, errorClass: 'client' });
    // Read up to the limit and no further: the site stopped well short of its 50 MB.
    expect(written).toBeGreaterThan(MAX_SERVED_BYTES);
    expect(written).toBeLessThan(MAX_SERVED_BYTES * 3);
    // What did come through is counted: a proxy would have carried it.
    expect(streamed.bytes).toBeGreaterThan(MAX_SERVED_BYTES);
  });
});
