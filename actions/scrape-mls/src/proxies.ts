import { ConfigurationError, NonRetryableError } from '../../../shared/errors.js';
import {
  parseProxyUrl,
  PROXY_ENTRY_EXPECTED,
  proxyEntries,
  webShareKey,
  type ProxyEndpoint,
} from '../../../shared/proxies.js';
import { ENV, readEnv } from '../../../shared/env.js';
import { maskProxyLogin } from '../../../shared/secret-mask.js';

/** WebShare's proxy list API. */
export const WEBSHARE_API = 'https://proxy.webshare.io';

/** The WebShare API base: `WEBSHARE_API_URL` (the local runner's sandbox) or WebShare's own. */
export function webShareBase(): string {
  return readEnv(ENV.webshareApiUrl) ?? WEBSHARE_API;
}

interface WebShareProxy {
  proxy_address: string;
  port: number;
  username: string;
  password: string;
  valid: boolean;
}

/**
 * Fetches the valid proxies of a WebShare account, following `next` pages (at most 20). Each
 * proxy's user name and password are masked the moment they arrive, before anything can print them.
 */
export async function fetchWebShareProxies(
  apiKey: string,
  base = webShareBase(),
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
    for (const proxy of body.results) maskProxyLogin(proxy.username, proxy.password);
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
  webShareApi = webShareBase(),
): Promise<ProxyEndpoint[]> {
  const proxies: ProxyEndpoint[] = [];
  for (const entry of proxyEntries(input)) {
    const key = webShareKey(entry);
    if (key !== undefined) {
      proxies.push(...(await fetchWebShareProxies(key, webShareApi)));
      continue;
    }
    const proxy = parseProxyUrl(entry);
    // The value may hold a password: say what was expected, never echo it.
    if (!proxy) throw new ConfigurationError(`input 'proxies': ${PROXY_ENTRY_EXPECTED}`);
    proxies.push(proxy);
  }
  return proxies;
}
