import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import type { ProxyEndpoint } from '../../../shared/proxies.js';
import { isPrivateAddress, onSite, type SiteScope } from './admit-url.js';
import { within } from './bounded.js';
import type { ProxyPool } from './proxy-pool.js';

/**
 * URL patterns never loaded: images, fonts and media cost time and proxy traffic and carry no
 * listing data. Blocked inside Chromium (images are also off by launch flag): routing every
 * request through Playwright's interception would cost a round trip per request.
 */
export const BLOCKED_URLS = [
  '*.jpg',
  '*.jpeg',
  '*.png',
  '*.gif',
  '*.webp',
  '*.avif',
  '*.svg',
  '*.ico',
  '*.woff',
  '*.woff2',
  '*.ttf',
  '*.otf',
  '*.eot',
  '*.mp4',
  '*.webm',
  '*.m3u8',
  '*.mp3',
  '*.ogg',
];
const USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';

/** One identity on the site: a browser context with its cookies and, when configured, its proxy. */
export interface Session {
  id: number;
  proxy: ProxyEndpoint | null;
  context: BrowserContext;
  page: Page;
  /** Bytes that travelled through the session's proxy. */
  bytes: number;
  /** Failures of this session since its last good page; it is retired at `MAX_ERROR_SCORE`. */
  errorScore: number;
}

/**
 * What a page may make the browser request: documents (pages, frames) of the site only, and no
 * resource on a private, loopback or link-local address but the site's own. Anything else is
 * aborted before it leaves the browser. A redirect is not routed: the crawl checks where a page
 * ended up instead (see visit.ts).
 */
async function guard(route: Route, scope: SiteScope): Promise<void> {
  const request = route.request();
  const url = request.url();
  let allowed = onSite(url, scope);
  if (!allowed && request.resourceType() !== 'document') {
    try {
      const parsed = new URL(url);
      // data: and blob: never leave the browser; public http(s) resources (a CDN's script) may load.
      allowed =
        parsed.protocol === 'data:' ||
        parsed.protocol === 'blob:' ||
        ((parsed.protocol === 'http:' || parsed.protocol === 'https:') &&
          !isPrivateAddress(parsed.hostname));
    } catch {
      allowed = false;
    }
  }
  // The context may be closing (an abandoned page): its routes fail, which is of no concern.
  await (allowed ? route.continue() : route.abort('blockedbyclient')).catch(() => undefined);
}

const CLOSE_TIMEOUT_MS = 10_000;

/** Failed pages in a row after which a session is retired, as Crawlee's session pool does. */
export const MAX_ERROR_SCORE = 3;

/** Creates sessions (one context each, a proxy each in turn) and retires them. */
export class SessionPool {
  #created = 0;
  /** Sessions retired after a block, a 429 or proxy failures. */
  retired = 0;
  /** Bytes through proxies of closed sessions. */
  closedBytes = 0;

  constructor(
    readonly browser: Browser,
    readonly proxies: ProxyPool,
    readonly scope: SiteScope,
  ) {}

  /** A new session, or null when proxies are configured and every one is cooling down. */
  async create(): Promise<Session | null> {
    const proxy = this.proxies.enabled ? this.proxies.take() : null;
    if (this.proxies.enabled && proxy === null) return null;
    const context = await this.browser.newContext({
      userAgent: USER_AGENT,
      viewport: { width: 1280, height: 900 },
      locale: 'en-US',
      timezoneId: 'America/Phoenix',
      proxy: proxy
        ? { server: proxy.server, username: proxy.username, password: proxy.password }
        : undefined,
    });
    await context.route('**/*', (route) => guard(route, this.scope));
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setBlockedURLs', { urls: BLOCKED_URLS });
    this.#created += 1;
    const session: Session = { id: this.#created, proxy, context, page, bytes: 0, errorScore: 0 };
    if (proxy) {
      context.on('requestfinished', (request) => {
        void request.sizes().then(
          (sizes) => {
            session.bytes +=
              sizes.requestHeadersSize +
              sizes.requestBodySize +
              sizes.responseHeadersSize +
              sizes.responseBodySize;
          },
          () => undefined,
        );
      });
    }
    return session;
  }

  /** Closes a session; `retire` counts it as retired (blocked or failing). */
  async close(session: Session, retire: boolean): Promise<void> {
    if (retire) this.retired += 1;
    this.closedBytes += session.bytes;
    // Bounded: the renderer of an abandoned page may be stuck in a script that never yields.
    await within(session.context.close(), CLOSE_TIMEOUT_MS, 'context.close').catch(() => undefined);
  }
}
