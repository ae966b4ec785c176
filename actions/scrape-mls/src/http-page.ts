import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import { admitUrl, type SiteScope } from './admit-url.js';
import { failedVisit, type HttpVisit } from './http-failure.js';
import { readServedBody } from './served-body.js';
import { readServedHtml } from './served-html.js';
import type { Selectors } from './selectors.js';
import type { SessionHttp } from './session-http.js';
import { pageVerdict, retryAfterMs } from './visit.js';

/** A served page larger than this is not a listing page: it is refused unread. */
export const MAX_SERVED_BYTES = 5 * 1024 * 1024;

/** Redirects followed for one page, each hop admitted before it is requested. */
const MAX_REDIRECTS = 10;

export type { HttpVisit } from './http-failure.js';

/** One hop's response, its body not read yet, and the size of the request that asked for it. */
type Hop = Dispatcher.ResponseData & { url: string; sent: number };

/**
 * Loads `url` over plain HTTP through the session's client (its proxy and cookies, no browser)
 * and reads its served HTML with the browser's own page reader. The outcomes are the browser's
 * (`classifyPage`): a 429, a block page or 403, a CAPTCHA widget (to be solved in the browser), an
 * error status, or a page to parse. Redirects are followed here, one hop at a time, each admitted
 * (`admitUrl`) before it is sent: one that leaves the site is never requested, unlike in the
 * browser, which follows a redirect before a guard can refuse it.
 */
export async function fetchServedPage(
  http: SessionHttp,
  url: string,
  selectors: Selectors,
  options: { timeoutMs: number; scope: SiteScope; proxied: boolean },
): Promise<HttpVisit> {
  let bytes = 0;
  let hop: Hop | undefined;
  try {
    for (let hops = 0, next = url; hops <= MAX_REDIRECTS; hops += 1) {
      hop = await send(http, next, options.timeoutMs);
      bytes += hop.sent;
      if (options.proxied && hop.statusCode === 407) {
        await hop.body.dump();
        const message = 'the proxy refused its credentials (HTTP 407)';
        return { kind: 'proxy-error', message, fatal: true, bytes };
      }
      const location = header(hop.headers, 'location');
      if (hop.statusCode < 300 || hop.statusCode >= 400 || location === undefined) break;
      bytes += responseSize(hop.headers, 0);
      await hop.body.dump();
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
      hop = undefined;
    }
    if (hop === undefined)
      return {
        kind: 'error',
        retryable: false,
        message: `more than ${MAX_REDIRECTS} redirects`,
        errorClass: 'client',
        bytes,
      };
    return await readPage(hop, selectors, bytes);
  } catch (error) {
    hop?.body.destroy();
    return failedVisit(error, options.proxied, bytes);
  }
}

/** Sends one GET with the session's headers and cookies; its `set-cookie`s go into the jar. */
async function send(http: SessionHttp, url: string, timeoutMs: number): Promise<Hop> {
  const target = new URL(url);
  const path = `${target.pathname}${target.search}`;
  const headers = http.headers(url);
  const response = await http.dispatcher.request({
    origin: target.origin,
    path,
    method: 'GET',
    headers,
    // undici's own timers: no AbortSignal (and its listener) per request.
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  http.cookies.receive(url, response.headers['set-cookie']);
  return Object.assign(response, { url, sent: requestSize(path, target.host, headers) });
}

/** The final response's outcome: refused when too large, else read as the browser reads it. */
async function readPage(hop: Hop, selectors: Selectors, before: number): Promise<HttpVisit> {
  const status = hop.statusCode;
  const declared = Number(header(hop.headers, 'content-length'));
  const tooLarge = (size: string, bytes: number): HttpVisit => ({
    kind: 'error',
    retryable: false,
    message: `HTTP ${status}: ${size}, more than the ${MAX_SERVED_BYTES} bytes a page may have; not read`,
    errorClass: 'client',
    bytes,
  });
  if (Number.isFinite(declared) && declared > MAX_SERVED_BYTES) {
    hop.body.destroy();
    return tooLarge(`${declared} bytes declared`, before + responseSize(hop.headers, 0));
  }
  const body = await readServedBody(
    hop.body,
    header(hop.headers, 'content-encoding'),
    MAX_SERVED_BYTES,
  );
  const bytes = before + responseSize(hop.headers, body.wireBytes);
  if (body.content === null) return tooLarge('the body ran past the limit', bytes);
  if (status === 429)
    return {
      kind: 'rate-limited',
      retryAfterMs: retryAfterMs(header(hop.headers, 'retry-after')),
      bytes,
    };
  const html = body.content.toString('utf8');
  const reading = readServedHtml(html, hop.url, selectors);
  const verdict = pageVerdict(status, reading);
  if (verdict !== null) return { ...verdict, bytes };
  return { kind: 'ok', status, reading, html, bytes };
}

/** A request's size as a proxy counts it: the request line and the headers sent. */
function requestSize(path: string, host: string, headers: Record<string, string>): number {
  let size = `GET ${path} HTTP/1.1\r\nhost: ${host}\r\n\r\n`.length;
  for (const name in headers) size += name.length + (headers[name] ?? '').length + 4;
  return size;
}

/** A response's size as a proxy counts it: the status line, the headers, and the body. */
function responseSize(headers: IncomingHttpHeaders, body: number): number {
  let size = 17 + body;
  for (const [name, value] of Object.entries(headers))
    for (const one of Array.isArray(value) ? value : [value ?? ''])
      size += name.length + one.length + 4;
  return size;
}

/** A header's (first) value. */
function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
