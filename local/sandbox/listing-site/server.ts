import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { assetOf } from './html.js';
import { hostileListing, hostileRole, NEVER_YIELDS_SCRIPT } from './hostile.js';
import { listingPage } from './listing-page.js';
import {
  renderedByScript,
  revisedByScript,
  type Rendering,
  type RenderedKind,
} from './script-rendered.js';
import { clientOf, cookieOf, kindOf, RateWindow, readForm } from './request-facts.js';
import type { ListingSite, ListingSiteOptions, SiteOutage, SiteRequest } from './site-types.js';
import {
  decodeMlsNumber,
  listingsOn,
  sandboxListing,
  type ListingLayout,
  type SandboxListing,
} from './listings.js';
import {
  blockPage,
  challengePage,
  notFoundPage,
  resultsPage,
  searchFormPage,
  tooManyRequestsPage,
  unavailablePage,
} from './site-pages.js';

export type { ListingSite, ListingSiteOptions, SiteOutage, SiteRequest } from './site-types.js';

const HTML = 'text/html; charset=utf-8';

/** Starts the sandbox listing site with its defences: rate cap, block page, CAPTCHA, cookies, robots.txt. */
export async function startListingSite(options: ListingSiteOptions = {}): Promise<ListingSite> {
  const seed = options.seed ?? 'phx';
  let date = options.date ?? new Date().toISOString().slice(0, 10);
  const perZip = options.parcelsPerZip ?? 40;
  const requestLog: SiteRequest[] = [];
  const rateWindow = new RateWindow(options.requestsPerMinute ?? 0);
  const passed = new Set<string>();
  const sockets = new Set<Socket>();
  let outage: SiteOutage | null = options.outage ?? null;
  let listingDelayMs = 0;
  const rendering: Partial<Record<RenderedKind, Rendering>> = { ...options.rendering };
  const hostile = options.hostile;
  let elsewhereUrl = '';
  // A ZIP's market on a day, made once: every result page needs the whole list, and making it
  // anew for each page would make the sandbox, not the scraper, what a benchmark measures.
  const markets = new Map<string, readonly SandboxListing[]>();
  let marketDay = date;
  const listings = (zip: string): readonly SandboxListing[] => {
    if (marketDay !== date) markets.clear();
    marketDay = date;
    let market = markets.get(zip);
    if (!market) {
      market = listingsOn(seed, zip, perZip, date).map((listing, position) =>
        hostile ? hostileListing(listing, hostileRole(position)) : listing,
      );
      markets.set(zip, market);
    }
    return market;
  };

  const answer = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://site');
    const client = clientOf(request);
    let session = cookieOf(request, 'sid');
    const headers: Record<string, string> = {};
    if (!session) {
      session = randomBytes(8).toString('hex');
      headers['set-cookie'] = `sid=${session}; Path=/; HttpOnly`;
    }
    const kind = kindOf(url.pathname);
    const entry: SiteRequest = {
      path: url.pathname + url.search,
      client,
      session,
      status: 0,
      kind,
      at: performance.now(),
    };
    requestLog.push(entry);
    const send = (
      status: number,
      body: string | Buffer,
      type = HTML,
      extra: Record<string, string> = {},
    ): void => {
      entry.status = status;
      const scripted =
        (url.searchParams.get('render') ??
          (kind === 'search' || kind === 'listing' ? rendering[kind] : undefined)) === 'script';
      const delivered =
        status === 200 && type === HTML && scripted ? renderedByScript(String(body)) : body;
      response.writeHead(status, { 'content-type': type, ...headers, ...extra });
      response.end(delivered);
    };
    if (outage && kind !== 'asset' && (outage.kinds ?? [kind]).includes(kind))
      return send(outage.status ?? 503, unavailablePage());
    if (options.blockedClients?.includes(client))
      return send(403, blockPage(randomBytes(8).toString('hex')));
    if (kind !== 'asset' && rateWindow.over(client))
      return send(429, tooManyRequestsPage(), HTML, {
        'retry-after': String(options.retryAfterSeconds ?? 30),
      });
    if (url.pathname === '/robots.txt') {
      const rules = (options.robotsDisallow ?? ['/admin/']).map((path) => `Disallow: ${path}`);
      return send(200, `User-agent: *\n${rules.join('\n')}\n`, 'text/plain');
    }
    if (url.pathname === '/') return send(200, searchFormPage());
    if (kind === 'asset') {
      const asset = assetOf(url.pathname);
      return send(200, Buffer.alloc(asset.bytes, 0x20), asset.type);
    }
    if (url.pathname === '/search') {
      const zip = url.searchParams.get('zip') ?? '';
      if (!/^\d{5}$/.test(zip)) return send(400, notFoundPage());
      const pageNumber = Math.max(1, Number(url.searchParams.get('page')) || 1);
      return send(200, resultsPage(zip, pageNumber, listings(zip), hostile));
    }
    if (url.pathname === '/challenge/verify' && request.method === 'POST') {
      const form = await readForm(request);
      const token = form.get('g-recaptcha-response') ?? '';
      const back = form.get('return') ?? '/';
      if (options.captcha?.verifyToken(token, options.captcha.siteKey)) passed.add(session);
      entry.status = 303;
      response.writeHead(303, { ...headers, location: back.startsWith('/') ? back : '/' });
      response.end();
      return;
    }
    const mls = /^\/listing\/([\w-]+)$/.exec(url.pathname)?.[1];
    if (mls && listingDelayMs > 0) await new Promise((done) => setTimeout(done, listingDelayMs));
    if (mls) {
      const decoded = decodeMlsNumber(mls);
      const zip = decoded ? `850${decoded.zipSuffix}` : '';
      const position = hostile ? listings(zip).findIndex((shown) => shown.mlsNumber === mls) : -1;
      const role = hostileRole(position);
      const plain = decoded ? sandboxListing(seed, zip, decoded.index, date) : null;
      const listing = plain && hostile ? hostileListing(plain, role) : plain;
      if (!listing || listing.mlsNumber !== mls || decoded!.index >= perZip)
        return send(404, notFoundPage());
      if (role === 'redirects-off-site' && url.searchParams.get('landed') !== '1') {
        entry.status = 302;
        response.writeHead(302, {
          ...headers,
          location: `${elsewhereUrl}${url.pathname}?landed=1`,
        });
        response.end();
        return;
      }
      const challenged = options.captcha?.listings;
      const challenges =
        typeof challenged === 'function' ? challenged(mls) : challenged?.includes(mls);
      if (options.captcha && challenges && !passed.has(session)) {
        return send(200, challengePage(options.captcha.siteKey, url.pathname + url.search));
      }
      const layout = (url.searchParams.get('layout') as ListingLayout | null) ?? options.layout;
      const jsonLdParam = url.searchParams.get('jsonld');
      const jsonLd = jsonLdParam === null ? options.jsonLd : jsonLdParam === '1';
      const page = (shown: SandboxListing): string =>
        listingPage(shown, `http://site${url.pathname}`, {
          layout: layout ?? undefined,
          jsonLd,
          extraText: options.notices?.[mls],
          script: role === 'never-yields' ? NEVER_YIELDS_SCRIPT : undefined,
        });
      if ((url.searchParams.get('render') ?? rendering.listing) === 'revised')
        // Cached a week ago, before the last price cut and a week fewer on the market.
        return send(
          200,
          revisedByScript(
            page({
              ...listing,
              listPrice: listing.listPrice + 5000,
              daysOnMarket: Math.max(0, listing.daysOnMarket - 7),
            }),
            page(listing),
          ),
        );
      return send(200, page(listing));
    }
    return send(404, notFoundPage());
  };

  const serve = async (): Promise<Server> => {
    const server = createServer((request, response) => {
      answer(request, response).catch(() => {
        if (!response.headersSent) response.writeHead(500);
        response.end();
      });
    });
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return server;
  };
  const server = await serve();
  // The hostile site's redirects land on the same pages under another origin (another port).
  const elsewhere = hostile ? await serve() : null;
  elsewhereUrl = elsewhere ? `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}` : '';
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get date() {
      return date;
    },
    setDate(next) {
      date = next;
    },
    requestLog,
    // A copy: a caller may sort it.
    listings: (zip) => [...listings(zip)],
    setOutage(next) {
      outage = next;
    },
    setListingDelay(ms) {
      listingDelayMs = ms;
    },
    setRendering(kind, how) {
      rendering[kind] = how;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      for (const open of [server, elsewhere]) {
        if (open) await new Promise<void>((resolve) => open.close(() => resolve()));
      }
    },
  };
}
