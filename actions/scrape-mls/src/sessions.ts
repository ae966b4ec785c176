import type { BrowserContext, Page } from 'playwright-core';
import type { ProxyEndpoint } from '../../../shared/proxies.js';
import type { SiteScope } from './admit-url.js';
import { within } from './bounded.js';
import type { LazyBrowser } from './browser.js';
import { BLOCKED_URLS, guard } from './page-guard.js';
import type { ProxyPool } from './proxy-pool.js';
import type { RenderMode } from './rendering-plan.js';
import { SessionHttp, USER_AGENT } from './session-http.js';

/**
 * One identity on the site: its cookies and, when configured, its proxy, the same for plain HTTP
 * and the browser. HTTP has a client of its own (undici, with a cookie jar); the browser page,
 * opened when the session first needs one, starts with the jar's cookies, and the two keep each
 * other's cookies from then on (a CAPTCHA passed in the browser holds for HTTP too).
 */
export interface Session {
  id: number;
  proxy: ProxyEndpoint | null;
  /** Plain HTTP with the session's cookies and proxy. */
  http: SessionHttp;
  /** The browser page, opened when a page of this session first needs one. */
  browser: { context: BrowserContext; page: Page } | null;
  /** Bytes that travelled through the session's proxy, by how the pages were loaded. */
  bytes: Record<RenderMode, number>;
  /** Failures of this session since its last good page; it is retired at `MAX_ERROR_SCORE`. */
  errorScore: number;
  /** Ended at once by a stop (see `abandon`): closed, never handed out again. */
  abandoned: boolean;
  /**
   * A recheck of an HTTP page under way in the browser page, beside the session's HTTP pages:
   * the browser page is busy until it settles (it never rejects). Null when none is.
   */
  checking: Promise<void> | null;
}

const CLOSE_TIMEOUT_MS = 10_000;

/** Failed pages in a row after which a session is retired, as Crawlee's session pool does. */
export const MAX_ERROR_SCORE = 3;

/**
 * Creates sessions (a proxy each in turn), opens their browser pages when needed, retires them.
 * A session a crawl no longer needs is kept for the next crawl of the shard (the listing pages
 * after the result pages), with its cookies, its CAPTCHA passes and its browser page, as
 * Crawlee's session pool keeps sessions until they are retired; `closeIdle` ends them.
 */
export class SessionPool {
  #created = 0;
  readonly #idle: Session[] = [];
  /** Sessions retired after a block, a 429 or proxy failures. */
  retired = 0;
  /** Bytes through proxies of closed sessions, by how the pages were loaded. */
  readonly closedBytes: Record<RenderMode, number> = { browser: 0, http: 0 };

  /** `timeoutMs`: a page's load timeout, which plain HTTP keeps to as well. */
  constructor(
    readonly browser: LazyBrowser,
    readonly proxies: ProxyPool,
    readonly scope: SiteScope,
    readonly timeoutMs: number,
  ) {}

  /**
   * A kept session, else a new one (no browser yet); null when proxies are configured and every
   * one is cooling down.
   */
  take(): Session | null {
    return this.#idle.pop() ?? this.#create();
  }

  /**
   * Keeps a session the crawl is done with for the next crawl (closes it if it was abandoned). A
   * recheck still under way in it holds its browser page (see `checking`): the crawl waits for it.
   */
  async release(session: Session): Promise<void> {
    if (session.abandoned) await this.close(session, false);
    else this.#idle.push(session);
  }

  /** Closes the kept sessions, once the shard has nothing more to crawl. */
  async closeIdle(): Promise<void> {
    for (let session = this.#idle.pop(); session; session = this.#idle.pop())
      await this.close(session, false);
  }

  #create(): Session | null {
    const proxy = this.proxies.enabled ? this.proxies.take() : null;
    if (this.proxies.enabled && proxy === null) return null;
    this.#created += 1;
    return {
      id: this.#created,
      proxy,
      http: new SessionHttp(proxy, { timeoutMs: this.timeoutMs }),
      browser: null,
      bytes: { browser: 0, http: 0 },
      errorScore: 0,
      abandoned: false,
      checking: null,
    };
  }

  /**
   * The session's browser page, opened on first use (launching Chromium if no page has needed it
   * yet) with the cookies plain HTTP has gathered; on later visits, with what HTTP has changed
   * since. Call `browsed` after the visit.
   */
  async page(session: Session): Promise<Page> {
    if (session.browser) {
      await session.http.cookies.push(session.browser.context);
      return session.browser.page;
    }
    const { proxy } = session;
    const context = await (
      await this.browser.get()
    ).newContext({
      userAgent: USER_AGENT,
      viewport: { width: 1280, height: 900 },
      locale: 'en-US',
      timezoneId: 'America/Phoenix',
      storageState: { cookies: await session.http.cookies.forBrowser(), origins: [] },
      proxy: proxyOption(proxy),
    });
    await context.route('**/*', (route) => guard(route, this.scope));
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setBlockedURLs', { urls: BLOCKED_URLS });
    if (proxy) {
      context.on('requestfinished', (request) => {
        void request.sizes().then(
          (sizes) => {
            session.bytes.browser +=
              sizes.requestHeadersSize +
              sizes.requestBodySize +
              sizes.responseHeadersSize +
              sizes.responseBodySize;
          },
          () => undefined,
        );
      });
    }
    session.browser = { context, page };
    return page;
  }

  /**
   * Closes the session's browser page after it failed under a recheck (crashed, or stuck in a
   * script): its next browser page opens afresh with the session's cookies. The session keeps its
   * identity and proxy.
   */
  async dropBrowser(session: Session): Promise<void> {
    const browser = session.browser;
    session.browser = null;
    if (browser)
      await within(browser.context.close(), CLOSE_TIMEOUT_MS, 'context close').catch(
        () => undefined,
      );
  }

  /** After a visit in the session's browser page: plain HTTP gets the cookies the page has now. */
  async browsed(session: Session): Promise<void> {
    // A context closed under the visit (a stop, a crash) has nothing more to give.
    if (session.browser)
      await session.http.cookies.pull(session.browser.context).catch(() => undefined);
  }

  /** Counts bytes a page loaded over plain HTTP cost through the session's proxy. */
  countHttp(session: Session, bytes: number): void {
    if (session.proxy) session.bytes.http += bytes;
  }

  /** Ends what the session has under way at once (a stop's grace ran out); close it after. */
  abandon(session: Session): void {
    session.abandoned = true;
    if (session.browser) void session.browser.context.close().catch(() => undefined);
    void session.http.close();
  }

  /** Closes a session; `retire` counts it as retired (blocked or failing). */
  async close(session: Session, retire: boolean): Promise<void> {
    if (retire) this.retired += 1;
    this.closedBytes.browser += session.bytes.browser;
    this.closedBytes.http += session.bytes.http;
    // Bounded: the renderer of an abandoned page may be stuck in a script that never yields.
    const closing = Promise.all([session.browser?.context.close(), session.http.close()]);
    await within(closing, CLOSE_TIMEOUT_MS, 'session close').catch(() => undefined);
  }
}

/** A session's proxy as Playwright takes it, the same for plain HTTP and the browser. */
function proxyOption(proxy: ProxyEndpoint | null) {
  return proxy
    ? { server: proxy.server, username: proxy.username, password: proxy.password }
    : undefined;
}
