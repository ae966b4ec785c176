import type { APIRequestContext, APIResponse } from 'playwright-core';
import { admitUrl, type SiteScope } from './admit-url.js';
import { readServedHtml } from './served-html.js';
import type { Selectors } from './selectors.js';
import { pageVerdict, retryAfter, type VisitOutcome } from './visit.js';

/** A served page larger than this is not a listing page: it is refused unread. */
export const MAX_SERVED_BYTES = 5 * 1024 * 1024;

/** Redirects followed for one page, each hop admitted before it is requested. */
const MAX_REDIRECTS = 10;

// Node's errors when the proxy, not the site, failed: refused, cut, or the tunnel never opened.
const PROXY_FAILURE =
  /Proxy connection|ECONNREFUSED|ECONNRESET|EPIPE|EHOSTUNREACH|ENETUNREACH|socket hang up/i;

/** A page loaded over plain HTTP: the same outcomes as the browser's, and the bytes it cost. */
export type HttpVisit = VisitOutcome & { bytes: number };

/** Request and response sizes as a proxy counts them: the status line and headers, and the body. */
function sizeOf(url: string, response: APIResponse, body: number): number {
  const requestLine = `GET ${url} HTTP/1.1\r\n`.length + 400; // our request headers
  const headers = response
    .headersArray()
    .reduce((sum, header) => sum + header.name.length + header.value.length + 4, 17);
  return requestLine + headers + body;
}

/**
 * Loads `url` over plain HTTP through `api` (a Playwright request context: the session's proxy
 * and cookies, no browser) and reads its served HTML with the browser's own page reader. The
 * outcomes are the browser's (`classifyPage`): a 429, a block page or 403, a CAPTCHA widget (to be
 * solved in the browser), an error status, or a page to parse. Redirects are followed here, one
 * hop at a time, each admitted (`admitUrl`) before it is sent: one that leaves the site is never
 * requested, unlike in the browser, which follows a redirect before a guard can refuse it.
 */
export async function fetchServedPage(
  api: APIRequestContext,
  url: string,
  selectors: Selectors,
  options: { timeoutMs: number; scope: SiteScope; proxied: boolean },
): Promise<HttpVisit> {
  let response: APIResponse | undefined;
  let bytes = 0;
  for (let hop = 0, next = url; hop <= MAX_REDIRECTS; hop += 1) {
    try {
      response = await api.get(next, {
        timeout: options.timeoutMs,
        failOnStatusCode: false,
        maxRedirects: 0,
      });
    } catch (error) {
      const message = (error as Error).message.split('\n')[0] ?? 'request failed';
      if (options.proxied && PROXY_FAILURE.test(message))
        return { kind: 'proxy-error', message, fatal: true, bytes };
      if (options.proxied && /Timeout/i.test(message))
        return { kind: 'proxy-error', message, fatal: false, bytes };
      return { kind: 'error', retryable: true, message, errorClass: 'network', bytes };
    }
    if (options.proxied && response.status() === 407) {
      await response.dispose();
      const message = 'the proxy refused its credentials (HTTP 407)';
      return { kind: 'proxy-error', message, fatal: true, bytes };
    }
    const location = response.headers()['location'];
    if (response.status() < 300 || response.status() >= 400 || location === undefined) break;
    bytes += sizeOf(next, response, 0);
    await response.dispose();
    const admitted = admitUrl(location, next, options.scope);
    if (!admitted.ok) {
      const message = `the page redirects off the site (${admitted.reason}); not followed`;
      return {
        kind: 'error',
        retryable: false,
        message,
        errorClass: 'client',
        offSite: true,
        bytes,
      };
    }
    next = admitted.url;
    response = undefined;
  }
  if (response === undefined)
    return {
      kind: 'error',
      retryable: false,
      message: `more than ${MAX_REDIRECTS} redirects`,
      errorClass: 'client',
      bytes,
    };
  const status = response.status();
  const declared = Number(response.headers()['content-length']);
  if (Number.isFinite(declared) && declared > MAX_SERVED_BYTES) {
    await response.dispose();
    const message = `HTTP ${status}: ${declared} bytes, more than the ${MAX_SERVED_BYTES} a page may have`;
    return { kind: 'error', retryable: false, message, errorClass: 'client', bytes };
  }
  const body = await response.body();
  bytes += sizeOf(url, response, body.length);
  // Playwright keeps every response's body until it is disposed: thousands of pages a night.
  await response.dispose();
  if (status === 429) return { kind: 'rate-limited', retryAfterMs: retryAfter(response), bytes };
  const html = body.toString('utf8');
  const reading = readServedHtml(html, response.url(), selectors);
  const verdict = pageVerdict(status, reading);
  if (verdict !== null) return { ...verdict, bytes };
  return { kind: 'ok', status, reading, html, bytes };
}
