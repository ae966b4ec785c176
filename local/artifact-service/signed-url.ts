import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a signed blob URL allows: `cw` create/write (upload) or `r` read (download). */
export type BlobPermission = 'cw' | 'r';

/** Response headers a download URL overrides, as Azure SAS `rsct` / `rscd` do. */
export interface ResponseOverrides {
  /** Content-Type of the response. */
  contentType?: string;
  /** Content-Disposition of the response. */
  contentDisposition?: string;
}

/** Query parameters covered by the signature; the SDK's own (`comp`, `blockid`) are not. */
const signedKeys = ['sp', 'se', 'rsct', 'rscd'] as const;

/** Why a URL was refused, or `ok`. */
export type UrlCheck = 'ok' | 'invalid' | 'expired' | 'forbidden';

/**
 * Signs blob URLs the way a SAS does in spirit: an HMAC over the path, permission, expiry and
 * response overrides, with a secret that lives as long as the server.
 */
export class UrlSigner {
  readonly #secret = randomBytes(32);

  #signature(pathname: string, params: URLSearchParams): Buffer {
    const canonical = [pathname, ...signedKeys.map((key) => params.get(key) ?? '')].join('\n');
    return createHmac('sha256', this.#secret).update(canonical).digest();
  }

  /** A URL for `pathname` on `origin` granting `permission` until `ttlMs` from now. */
  sign(
    origin: string,
    pathname: string,
    permission: BlobPermission,
    ttlMs: number,
    overrides: ResponseOverrides = {},
  ): string {
    const url = new URL(pathname, origin);
    url.searchParams.set('sp', permission);
    url.searchParams.set('se', new Date(Date.now() + ttlMs).toISOString());
    if (overrides.contentType) url.searchParams.set('rsct', overrides.contentType);
    if (overrides.contentDisposition) url.searchParams.set('rscd', overrides.contentDisposition);
    url.searchParams.set(
      'sig',
      this.#signature(url.pathname, url.searchParams).toString('base64url'),
    );
    return url.href;
  }

  /** Checks a request URL's signature, expiry and that it grants `needed`. */
  check(url: URL, needed: BlobPermission): UrlCheck {
    const given = Buffer.from(url.searchParams.get('sig') ?? '', 'base64url');
    const expected = this.#signature(url.pathname, url.searchParams);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
    if (Date.parse(url.searchParams.get('se') ?? '') < Date.now()) return 'expired';
    return url.searchParams.get('sp') === needed ? 'ok' : 'forbidden';
  }
}
