import { Agent, Pool, ProxyAgent, Socks5ProxyAgent, type Dispatcher } from 'undici';
import type { ProxyEndpoint } from '../../../shared/proxies.js';
import { SessionCookies } from './session-cookies.js';

export const USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';

/** What a browser sends for a page, so that plain HTTP asks for it the same way. */
const PAGE_HEADERS = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'accept-language': 'en-US,en;q=0.9',
};

// Compressed pages cost the proxy a fraction of the bytes; `served-body` decodes them.
const REQUEST_HEADERS = {
  'user-agent': USER_AGENT,
  ...PAGE_HEADERS,
  'accept-encoding': 'gzip, deflate, br',
};

/** The longest wait for a TCP connection (to the site, or to the proxy), in ms. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * A session's plain HTTP: a keep-alive connection pool of its own (through the session's proxy
 * when it has one, the very proxy its browser context uses) and its cookie jar, shared with the
 * browser context. Closed with the session.
 */
export class SessionHttp {
  readonly dispatcher: Dispatcher;
  readonly cookies = new SessionCookies();

  /** `timeoutMs` also bounds the proxy's answer to opening a tunnel, before any request runs. */
  constructor(proxy: ProxyEndpoint | null, options: { timeoutMs: number }) {
    const connect = { timeout: Math.min(CONNECT_TIMEOUT_MS, options.timeoutMs) };
    this.dispatcher = proxy
      ? proxyAgent(proxy, connect, options.timeoutMs)
      : new Agent({ connect });
  }

  /** The headers of a request to `url`: the browser's, and the session's cookies for it. */
  headers(url: string): Record<string, string> {
    const cookie = this.cookies.header(url);
    // A copy each time: undici's ProxyAgent writes `host` into the object it is given.
    return cookie === '' ? { ...REQUEST_HEADERS } : { ...REQUEST_HEADERS, cookie };
  }

  /**
   * Closes the connections (and tunnels) at once, ending any request under way. Destroyed, not
   * closed: `close` waits on requests queued, and undici's ProxyAgent rejects it unhandled once
   * its proxy pool is gone (see `proxyAgent`).
   */
  async close(): Promise<void> {
    await this.dispatcher.destroy().catch(() => undefined);
  }
}

/**
 * A pool through `proxy`. Every target, http:// included, goes through a CONNECT tunnel, as
 * Chromium's https pages do; undici's tunnel waits for the proxy with the proxy client's own
 * timeouts, not the request's, so they are set to the request's here.
 */
function proxyAgent(
  proxy: ProxyEndpoint,
  connect: { timeout: number },
  timeoutMs: number,
): Dispatcher {
  const login = { username: proxy.username, password: proxy.password };
  if (/^socks5?:/.test(proxy.server)) return new Socks5ProxyAgent(proxy.server, login);
  const token =
    login.username !== undefined
      ? `Basic ${Buffer.from(`${login.username}:${login.password ?? ''}`).toString('base64')}`
      : undefined;
  return new ProxyAgent({
    uri: proxy.server,
    token,
    proxyTls: connect,
    requestTls: connect,
    clientFactory: (origin, options) => {
      const tunnels = new Pool(origin, {
        ...options,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      // A proxy that drops the connection before answering CONNECT fails the tunnel with
      // UND_ERR_SOCKET, which undici's pool for the site takes as worth reconnecting for, without
      // end. The proxy's pool is closed for good instead: the retry fails at once, destroyed.
      // (Every tunnel opened or refused disconnects too: an 'upgrade', UND_ERR_INFO.)
      tunnels.on('disconnect', (_origin, _targets, error) => {
        if (error.code !== 'UND_ERR_INFO') void tunnels.destroy(error).catch(() => undefined);
      });
      return tunnels;
    },
  });
}
