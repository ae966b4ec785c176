import { causeText } from '../../../shared/http/attempt.js';
import type { VisitOutcome } from './visit.js';

/** A page loaded over plain HTTP: the same outcomes as the browser's, and the bytes it cost. */
export type HttpVisit = VisitOutcome & { bytes: number };

// undici's errors when the proxy, not the site, failed: refused, cut, or the tunnel never opened.
const PROXY_FAILURE =
  /ECONNREFUSED|ECONNRESET|EPIPE|EHOSTUNREACH|ENETUNREACH|UND_ERR_SOCKET|other side closed|socks/i;
const PROXY_TIMEOUT = /UND_ERR_(CONNECT|HEADERS|BODY)_TIMEOUT|ETIMEDOUT/;
// ProxyAgent's words when the proxy answered CONNECT with anything but 200.
const TUNNEL_REFUSED = /Proxy response \((\d+)\) !== 200 when HTTP Tunneling/;

/** What a request that failed before its page was read comes to: the proxy's fault, or the site's. */
export function failedVisit(error: unknown, proxied: boolean, bytes: number): HttpVisit {
  const text = causeText(error);
  const message = text.split('\n')[0] ?? 'request failed';
  if (proxied) {
    const tunnel = TUNNEL_REFUSED.exec(text);
    if (tunnel?.[1] === '407') {
      const refused = 'the proxy refused its credentials (HTTP 407)';
      return { kind: 'proxy-error', message: refused, fatal: true, bytes };
    }
    if (tunnel || PROXY_FAILURE.test(text))
      return { kind: 'proxy-error', message, fatal: true, bytes };
    // The session's proxy pool closed for good (see `SessionHttp`): the proxy dropped a tunnel.
    if (text.includes('UND_ERR_DESTROYED')) {
      const dropped = 'the proxy closed the connection before opening the tunnel';
      return { kind: 'proxy-error', message: dropped, fatal: true, bytes };
    }
    if (PROXY_TIMEOUT.test(text)) return { kind: 'proxy-error', message, fatal: false, bytes };
  }
  return { kind: 'error', retryable: true, message, errorClass: 'network', bytes };
}
