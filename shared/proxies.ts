/** One proxy; the password goes only into Playwright's `proxy` option. */
export interface ProxyEndpoint {
  /** `http://host:port`, without credentials. */
  server: string;
  username?: string;
  password?: string;
  /** `host:port`: safe to log. */
  label: string;
}

/** What a `proxies` entry must look like; messages say this and never echo the value. */
export const PROXY_ENTRY_EXPECTED =
  'expected http://user:pass@host:port (or https://, socks5://), or webshare:<API key>';

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443', 'socks5:': '1080' };

/** The entries of a `proxies` value, which separates them by white space or commas. */
export function proxyEntries(value: string): string[] {
  return value.split(/[\s,]+/).filter((entry) => entry !== '');
}

/** The API key of a `webshare:<API key>` entry, or undefined for any other entry. */
export function webShareKey(entry: string): string | undefined {
  return entry.startsWith('webshare:') ? entry.slice('webshare:'.length) : undefined;
}

/**
 * Parses one `scheme://[user:pass@]host[:port]` entry (http, https or socks5; the port defaults
 * to the scheme's), or undefined when it is not one. Credentials are percent-decoded.
 */
export function parseProxyUrl(entry: string): ProxyEndpoint | undefined {
  const url = URL.canParse(entry) ? new URL(entry) : undefined;
  const defaultPort = url && DEFAULT_PORTS[url.protocol];
  if (!url || defaultPort === undefined || url.hostname === '') return undefined;
  try {
    return {
      server: `${url.protocol}//${url.host}`,
      username: url.username ? decodeURIComponent(url.username) : undefined,
      password: url.password ? decodeURIComponent(url.password) : undefined,
      label: `${url.hostname}:${url.port || defaultPort}`,
    };
  } catch {
    // A stray % in the user name or password: not a usable entry.
    return undefined;
  }
}
