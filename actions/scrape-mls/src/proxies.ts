import { ConfigurationError, NonRetryableError } from '../../../shared/errors.js';

/** One proxy; the password goes only into Playwright's `proxy` option. */
export interface ProxyEndpoint {
  /** `http://host:port`, without credentials. */
  server: string;
  username?: string;
  password?: string;
  /** `host:port`: safe to log. */
  label: string;
}

/** WebShare's proxy list API. */
export const WEBSHARE_API = 'https://proxy.webshare.io';

/** Parses one `http://user:pass@host:port` line. */
function parseProxyUrl(line: string): ProxyEndpoint {
  if (!URL.canParse(line) || !/^(https?|socks5):$/.test(new URL(line).protocol)) {
    // The value may hold a password: say what was expected, never echo it.
    throw new ConfigurationError(
      "input 'proxies': expected proxy URLs such as http://user:pass@host:port, or webshare:<API key>",
    );
  }
  const url = new URL(line);
  const label = `${url.hostname}:${url.port}`;
  return {
    server: `${url.protocol}//${url.host}`,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    label,
  };
}

interface WebShareProxy {
  proxy_address: string;
  port: number;
  username: string;
  password: string;
  valid: boolean;
}

/** Fetches the valid proxies of a WebShare account, following `next` pages (at most 20). */
export async function fetchWebShareProxies(
  apiKey: string,
  base = WEBSHARE_API,
): Promise<ProxyEndpoint[]> {
  const proxies: ProxyEndpoint[] = [];
  let url: string | null = `${base}/api/v2/proxy/list/?mode=direct&page=1&page_size=100`;
  for (let page = 0; url !== null && page < 20; page += 1) {
    const response: Response = await fetch(url, {
      headers: { authorization: `Token ${apiKey}` },
      signal: AbortSignal.timeout(30_000),
    });
    if (response.status === 401 || response.status === 403) {
      throw new ConfigurationError("input 'proxies': WebShare refused the API key");
    }
    if (!response.ok) throw new NonRetryableError(`WebShare proxy list: HTTP ${response.status}`);
    const body = (await response.json()) as { next: string | null; results: WebShareProxy[] };
    for (const proxy of body.results.filter((entry) => entry.valid)) {
      proxies.push({
        server: `http://${proxy.proxy_address}:${proxy.port}`,
        username: proxy.username,
        password: proxy.password,
        label: `${proxy.proxy_address}:${proxy.port}`,
      });
    }
    url = body.next;
  }
  return proxies;
}

/** The proxies of the `proxies` input: URL lines, or `webshare:<key>` whose list is fetched. */
export async function resolveProxies(
  input: string,
  webShareBase = WEBSHARE_API,
): Promise<ProxyEndpoint[]> {
  const lines = input.split(/[\s,]+/).filter((line) => line !== '');
  const proxies: ProxyEndpoint[] = [];
  for (const line of lines) {
    if (line.startsWith('webshare:'))
      proxies.push(...(await fetchWebShareProxies(line.slice(9), webShareBase)));
    else proxies.push(parseProxyUrl(line));
  }
  return proxies;
}
