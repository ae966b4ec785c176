import { isIP } from 'node:net';

/**
 * Which URLs the crawler may load. Pages of the listing site are untrusted: a link, a next page
 * or a redirect may point at `file:`, `javascript:`, another host or the runner's own network
 * (cloud metadata at 169.254.169.254, private ranges). Only same-site http(s) URLs under the
 * configured base are ever loaded; everything else is refused and counted.
 */

/** The site the crawl may load from: the base URL's scheme, host and port, and its path. */
export interface SiteScope {
  /** `http://127.0.0.1:8080`: scheme, host and port of the base URL. */
  origin: string;
  /** The base URL's path up to its last `/` (`/` for `https://site.example`). */
  pathPrefix: string;
}

/** Where a refused URL pointed, for logs and counts. */
export type RefusalReason = 'unparseable' | 'scheme' | 'private-address' | 'off-site' | 'off-path';

/** What admitting a URL came to: the absolute URL to load, or why it is refused. */
export type Admission = { ok: true; url: string } | { ok: false; reason: RefusalReason };

/** The longest URL admitted; a longer one is no link a listing site means. */
export const MAX_URL_CHARS = 2_048;

/** The scope of `baseUrl`; throws naming the URL when it is not http(s). */
export function siteScope(baseUrl: string): SiteScope {
  const base = new URL(baseUrl);
  if (base.protocol !== 'http:' && base.protocol !== 'https:')
    throw new Error(`base URL scheme '${base.protocol}' is not http(s)`);
  return {
    origin: base.origin,
    pathPrefix: base.pathname.slice(0, base.pathname.lastIndexOf('/') + 1),
  };
}

/** Whether `host` (a URL hostname, IPv6 in brackets) is a loopback, private or link-local address. */
export function isPrivateAddress(host: string): boolean {
  const bare = host.startsWith('[') ? host.slice(1, -1).toLowerCase() : host;
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  const version = isIP(bare);
  if (version === 4) {
    const [a = 0, b = 0] = bare.split('.').map(Number);
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168)
    );
  }
  if (version === 6) {
    if (bare === '::' || bare === '::1') return true;
    // IPv4-mapped (::ffff:a.b.c.d or its hex form, as URL parsing writes it)
    if (bare.startsWith('::ffff:')) return true;
    return /^f[cd]/.test(bare) || /^fe[89ab]/.test(bare);
  }
  return false;
}

/**
 * Resolves `href` against `pageUrl` and admits it when it is http(s), on the scope's origin
 * (scheme, host and port) and under its path. A private or loopback address is refused unless
 * it is the configured site itself (the sandbox runs on 127.0.0.1). The fragment is dropped.
 */
export function admitUrl(href: string, pageUrl: string, scope: SiteScope): Admission {
  if (href.length > MAX_URL_CHARS) return { ok: false, reason: 'unparseable' };
  let url: URL;
  try {
    url = new URL(href, pageUrl);
  } catch {
    return { ok: false, reason: 'unparseable' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'scheme' };
  if (url.origin !== scope.origin)
    return { ok: false, reason: isPrivateAddress(url.hostname) ? 'private-address' : 'off-site' };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'off-site' };
  if (!url.pathname.startsWith(scope.pathPrefix)) return { ok: false, reason: 'off-path' };
  url.hash = '';
  return { ok: true, url: url.href };
}

/** Whether the browser may request `url` at all (any resource of a page): same origin only. */
export function onSite(url: string, scope: SiteScope): boolean {
  try {
    return new URL(url).origin === scope.origin;
  } catch {
    return false;
  }
}
