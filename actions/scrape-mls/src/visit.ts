import type { Page, Response } from 'playwright-core';
import { onSite, type SiteScope } from './admit-url.js';
import { contentWithin, evaluateWithin, within } from './bounded.js';
import { pageReadingScript, type PageReading } from './page-script.js';
import type { Selectors } from './selectors.js';

/** What loading one page came to. */
export type VisitOutcome =
  | { kind: 'ok'; status: number; reading: PageReading; html: string }
  | { kind: 'captcha'; status: number; siteKey: string }
  | { kind: 'blocked'; status: number }
  | { kind: 'rate-limited'; retryAfterMs: number }
  | { kind: 'proxy-error'; message: string; fatal: boolean }
  | {
      kind: 'error';
      retryable: boolean;
      message: string;
      errorClass: 'network' | 'server' | 'client' | 'auth';
      /** 404 or 410: the page no longer exists. */
      gone?: boolean;
      /** The page ended up off the site (a redirect): never snapshotted. */
      offSite?: boolean;
    };

/** How a page is loaded and read: the site it must stay on and how long each wait may take. */
export interface VisitOptions {
  scope: SiteScope;
  /** Page load (navigation) timeout. */
  timeoutMs: number;
  /** The longest wait on the loaded page's script or HTML; then it is abandoned. */
  pageTimeoutMs: number;
}

// Chromium's errors when the proxy, not the site, failed (refused, dropped, or 407 on the tunnel).
// Through a proxy, a socket that never connects or is cut is the proxy's fault: a dead proxy
// shows as any of these depending on timing (SOCKET_NOT_CONNECTED when it accepts, then closes).
const PROXY_FAILURE =
  /ERR_(PROXY_\w+|TUNNEL_CONNECTION_FAILED|HTTP_RESPONSE_CODE_FAILURE|CONNECTION_RESET|CONNECTION_CLOSED|EMPTY_RESPONSE|CONNECTION_REFUSED|CONNECTION_FAILED|SOCKET_NOT_CONNECTED|ADDRESS_UNREACHABLE|SOCKS_\w+)/;

/** The pause a 429's `Retry-After` asks for, at most 60 s (10 s without one). */
export function retryAfter(response: Pick<Response, 'headers'>): number {
  return retryAfterMs(response.headers()['retry-after']);
}

/** The pause a `Retry-After` value (seconds) asks for, at most 60 s (10 s without one). */
export function retryAfterMs(value: string | undefined): number {
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds, 60) * 1000 : 10_000;
}

/**
 * What a loaded page's status and reading mean, the same for the browser and plain HTTP: a block
 * page or 403, a CAPTCHA widget (an element, never words), an error status (404 and 410: gone);
 * null for a page to parse.
 */
export function pageVerdict(
  status: number,
  reading: PageReading,
): Exclude<VisitOutcome, { kind: 'ok' }> | null {
  if (status === 403 || reading.blockPage) return { kind: 'blocked', status };
  if (reading.captchaSiteKey !== null)
    return { kind: 'captcha', status, siteKey: reading.captchaSiteKey };
  if (status >= 500)
    return { kind: 'error', retryable: true, message: `HTTP ${status}`, errorClass: 'server' };
  if (status >= 400 || status === 0)
    return {
      kind: 'error',
      retryable: false,
      message: `HTTP ${status}`,
      errorClass: 'client',
      gone: status === 404 || status === 410,
    };
  return null;
}

/**
 * Reads the page as loaded: a page that ended up off the site (it is not read), a 429, a 403 or a
 * block page's marker element, a CAPTCHA widget (an element, never words such as
 * "verification"), an error status, or a page to parse. A page that does not answer within
 * `pageTimeoutMs` throws PageUnresponsiveError.
 */
export async function classifyPage(
  page: Page,
  response: Response | null,
  selectors: Selectors,
  options: Omit<VisitOptions, 'timeoutMs'>,
): Promise<VisitOutcome> {
  if (!onSite(page.url(), options.scope)) {
    return {
      kind: 'error',
      retryable: false,
      message: `the page left the site for ${originOf(page.url())}`,
      errorClass: 'client',
      offSite: true,
    };
  }
  const status = response?.status() ?? 0;
  if (status === 429 && response)
    return { kind: 'rate-limited', retryAfterMs: retryAfter(response) };
  const reading = await evaluateWithin<PageReading>(
    page,
    pageReadingScript(selectors),
    options.pageTimeoutMs,
  );
  const verdict = pageVerdict(status, reading);
  if (verdict !== null) return verdict;
  // The body as fetched (cheaper than serialising the DOM, and what the hash should cover).
  const html = response
    ? await within(response.text(), options.pageTimeoutMs, 'response.text').catch(() =>
        contentWithin(page, options.pageTimeoutMs),
      )
    : await contentWithin(page, options.pageTimeoutMs);
  return { kind: 'ok', status, reading, html };
}

/** Loads `url` in the session's page and classifies the result. */
export async function visitPage(
  page: Page,
  url: string,
  selectors: Selectors,
  options: VisitOptions & { proxied: boolean },
): Promise<VisitOutcome> {
  let response: Response | null;
  try {
    response = await page.goto(url, { waitUntil: 'domcontentloaded', timeout: options.timeoutMs });
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? 'navigation failed';
    if (options.proxied && PROXY_FAILURE.test(message))
      return { kind: 'proxy-error', message, fatal: true };
    if (options.proxied && /Timeout/i.test(message))
      return { kind: 'proxy-error', message, fatal: false };
    return { kind: 'error', retryable: true, message, errorClass: 'network' };
  }
  return classifyPage(page, response, selectors, options);
}

/** `scheme://host:port` of a URL, or `an unreadable URL`: never the path, which may carry tokens. */
function originOf(url: string): string {
  try {
    const { protocol, origin } = new URL(url);
    return origin === 'null' ? protocol : origin;
  } catch {
    return 'an unreadable URL';
  }
}
