import { once } from 'node:events';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listingRecord } from '../../../actions/scrape-mls/src/listing-record.js';
import { resolveProxies } from '../../../actions/scrape-mls/src/proxies.js';
import { ProxyPool } from '../../../actions/scrape-mls/src/proxy-pool.js';
import { RequestQueue } from '../../../actions/scrape-mls/src/request-queue.js';
import { parseRobots, robotsAllow } from '../../../actions/scrape-mls/src/robots.js';
import { loadSelectors } from '../../../actions/scrape-mls/src/selectors.js';
import { ConfigurationError } from '../../../shared/errors.js';
import { startSecretMask } from '../../../shared/secret-mask.js';

describe('robots.txt', () => {
  const rules = parseRobots(
    'User-agent: Googlebot\nDisallow: /\n\nUser-agent: *\nDisallow: /listing/private\nDisallow: /*?print=\nAllow: /listing/private/ok\n',
  );
  it.each([
    ['http://x/listing/123', true],
    ['http://x/listing/private-9', false],
    ['http://x/listing/private/ok', true],
    ['http://x/search?print=1', false],
    ['http://x/search?zip=85031&print=1', true],
  ])('%s allowed: %s', (url, allowed) => expect(robotsAllow(rules, url)).toBe(allowed));
});

describe('proxies input', () => {
  it('keeps credentials out of the server and the label', async () => {
    const [proxy] = await resolveProxies('http://user:p%40ss@10.1.2.3:8080');
    expect(proxy).toEqual({
      server: 'http://10.1.2.3:8080',
      username: 'user',
      password: 'p@ss',
      label: '10.1.2.3:8080',
    });
  });
  it('rejects a malformed entry without echoing it', async () => {
    const error = await resolveProxies('user:secretpw@host').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/input 'proxies'/);
    expect((error as Error).message).not.toContain('secretpw');
  });
  it('fetches a WebShare account list page by page, keeping the valid proxies', async () => {
    const seen: string[] = [];
    const server = createServer((request, response) => {
      seen.push(`${request.url} ${request.headers.authorization}`);
      if (request.headers.authorization !== 'Token key123')
        return void response.writeHead(401).end('{}');
      const page = new URL(request.url ?? '/', 'http://x').searchParams.get('page');
      const entry = (n: number, valid = true) => ({
        proxy_address: `10.0.0.${n}`,
        port: 8000 + n,
        username: 'ws',
        password: `pw${n}`,
        valid,
        country_code: 'US',
      });
      const body =
        page === '1'
          ? {
              count: 3,
              next: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2/proxy/list/?mode=direct&page=2&page_size=100`,
              previous: null,
              results: [entry(1), entry(2, false)],
            }
          : { count: 3, next: null, previous: null, results: [entry(3)] };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const proxies = await resolveProxies('webshare:key123', base);
      expect(proxies.map((proxy) => [proxy.label, proxy.password])).toEqual([
        ['10.0.0.1:8001', 'pw1'],
        ['10.0.0.3:8003', 'pw3'],
      ]);
      expect(seen[0]).toBe('/api/v2/proxy/list/?mode=direct&page=1&page_size=100 Token key123');
      await expect(resolveProxies('webshare:wrong', base)).rejects.toThrow(
        "input 'proxies': WebShare refused the API key",
      );
    } finally {
      server.close();
    }
  });

  it('masks each WebShare login the moment it is fetched, the invalid ones too', async () => {
    const server = createServer((_request, response) => {
      const entry = (n: number, valid: boolean) => ({
        proxy_address: `10.0.0.${n}`,
        port: 8000 + n,
        username: `ws-user-${n}`,
        password: `ws/pass:${n}`,
        valid,
      });
      const body = { next: null, results: [entry(1, true), entry(2, false)] };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const told: string[] = [];
    startSecretMask((value) => told.push(value));
    try {
      await resolveProxies(
        'webshare:key123',
        `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      );
      const basic = (login: string) => Buffer.from(login).toString('base64');
      expect(told).toEqual(
        expect.arrayContaining([
          'ws-user-1',
          'ws/pass:1',
          'ws%2Fpass%3A1',
          basic('ws-user-1:ws/pass:1'),
          'ws-user-2',
          'ws/pass:2',
        ]),
      );
    } finally {
      server.close();
    }
  });

  it('retires a proxy after three failures and brings it back after the cooldown', () => {
    let now = 0;
    const a = { server: 'http://a:1', label: 'a:1' };
    const b = { server: 'http://b:1', label: 'b:1' };
    const pool = new ProxyPool([a, b], { cooldownMs: 1000, now: () => now });
    for (let i = 0; i < 3; i += 1) pool.markFailure(a);
    expect(pool.retired).toBe(1);
    expect([pool.take(), pool.take()]).toEqual([b, b]);
    pool.retire(b);
    expect(pool.take()).toBeNull();
    now = 1001;
    expect(pool.take()).not.toBeNull();
  });
});

describe('request queue', () => {
  it('deduplicates, and after a restart hands out only what was not finished', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'queue-'));
    try {
      const queue = await RequestQueue.open(dir);
      expect(await queue.add('http://x/search?zip=1', 'search')).toBe(true);
      expect(await queue.add('http://x/listing/1#photos', 'listing')).toBe(true);
      expect(await queue.add('http://x/listing/1', 'listing')).toBe(false);
      await queue.add('http://x/listing/2', 'listing');
      const first = queue.next();
      expect(first?.kind).toBe('search');
      await queue.markDone(first!);
      await queue.markDone(queue.next()!);
      const reopened = await RequestQueue.open(dir);
      expect(reopened.done).toBe(2);
      expect(reopened.next()?.url).toBe('http://x/listing/2');
      expect(reopened.next()).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('selectors file', () => {
  it('names the input and the place of a mistake', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'selectors-'));
    try {
      const path = join(dir, 'bad.json');
      await writeFile(path, JSON.stringify({ version: 1, searchPath: '/search' }));
      await expect(loadSelectors(path)).rejects.toThrow(
        /input 'selectors': .*bad\.json' at searchPath/,
      );
      await expect(loadSelectors(join(dir, 'missing.json'))).rejects.toThrow(
        /input 'selectors': cannot read/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('listing record', () => {
  it('leaves missing values missing: no default ZIP, city or price', () => {
    const record = listingRecord(
      {
        captchaSiteKey: null,
        blockPage: false,
        listingLinks: [],
        resultRows: [],
        nextPage: null,
        fields: {
          address: '4821 W Earll Dr',
          status: 'Coming Soon',
          mlsNumber: 'MLS ID: 6712345',
          price: 'Call for price',
        },
        jsonLd: [],
      },
      {
        url: 'http://site/listing/6712345',
        html: '<html></html>',
        scrapedAt: new Date('2026-11-20T10:00:00Z'),
      },
    );
    expect(record).toMatchObject({
      mlsNumber: '6712345',
      status: 'Coming Soon',
      listPrice: null,
      zip: null,
      bedrooms: null,
      listedOn: null,
    });
    expect(record.address.parts).toMatchObject({ city: null, zip: null, state: null });
    expect(record.address.key).toBeNull();
  });
});
