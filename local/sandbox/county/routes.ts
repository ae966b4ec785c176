import { tryNormalizeApn } from '../../../shared/normalize/apn.js';
import { ownerBody, residentialBody } from './parcel-blocks.js';
import { parcelBody, propertyAddress, propertyInfoBody, valuationsBody } from './parcel-body.js';
import type { SandboxParcel } from './parcel-facts.js';
import { SearchPadding } from './padding.js';
import { ZipDirectory } from './search.js';

/** What a route answers: JSON, or the county's HTML pages. */
export type RouteAnswer =
  | { kind: 'json'; body: unknown }
  | { kind: 'html'; status: number; body: string }
  | { kind: 'not-found' };

/** Which endpoint a path names, for the auth message prefix and the request log. */
export type Endpoint = 'search' | 'parcel' | null;

const SUBRESOURCES: Record<string, (parcel: SandboxParcel) => unknown> = {
  valuations: valuationsBody,
  'residential-details': residentialBody,
  'owner-details': ownerBody,
  propertyinfo: propertyInfoBody,
  address: (parcel) => ({ PropertyAddress: propertyAddress(parcel) }),
};

/** `search` for `/search/property/`, `parcel` for `/parcel/...`, null for any other path. */
export function endpointOf(path: string): Endpoint {
  if (/^\/search\/property\/?$/.test(path)) return 'search';
  if (/^\/parcel\/[^/]+(\/[a-z-]+)?\/?$/.test(path)) return 'parcel';
  return null;
}

/** The sandbox's ZIPs and how a request path and query map to an answer. */
export class CountyRoutes {
  readonly #zips = new Map<string, ZipDirectory>();

  constructor(
    readonly seed: string,
    readonly parcelsFor: (zip: string) => number,
    readonly latestTaxYear: number,
    readonly noiseShare?: number,
  ) {
    // A bad share fails when the sandbox starts, not on its first search.
    if (noiseShare !== undefined) new SearchPadding(noiseShare);
  }

  /** The directory of `zip`, created on first use. */
  directory(zip: string): ZipDirectory {
    let directory = this.#zips.get(zip);
    if (!directory) {
      const count = this.parcelsFor(zip);
      directory = new ZipDirectory(this.seed, zip, count, this.latestTaxYear, this.noiseShare);
      this.#zips.set(zip, directory);
    }
    return directory;
  }

  /** The parcel behind any spelling of an APN among the ZIPs served so far, or null. */
  parcel(apn: string): SandboxParcel | null {
    const canonical = tryNormalizeApn(apn);
    if (canonical === null) return null;
    for (const directory of this.#zips.values()) {
      const parcel = directory.lookup(canonical);
      if (parcel) return parcel;
    }
    return null;
  }

  /** Answers a search: a ZIP lists its rows, an APN finds its parcel, odd characters fail like the county. */
  search(query: URLSearchParams): RouteAnswer {
    const q = (query.get('q') ?? '').trim();
    const page = Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1);
    if (!/^[\w .,-]*$/.test(q)) {
      return { kind: 'html', status: 500, body: '<html><body>Server Error</body></html>' };
    }
    if (/^\d{5}$/.test(q)) {
      const directory = this.directory(q);
      return { kind: 'json', body: { TOTAL: directory.total, Results: directory.page(page) } };
    }
    const parcel = this.parcel(q);
    if (parcel && page === 1) {
      const directory = this.directory(parcel.zip);
      const row = directory.row(directory.positionOf(parcel.index));
      return { kind: 'json', body: { TOTAL: 1, Results: [row] } };
    }
    return { kind: 'json', body: { TOTAL: parcel ? 1 : 0, Results: [] } };
  }

  /** Answers `/parcel/{apn}` and its sub-resources; an unknown APN gets PHP's empty `[]`. */
  parcelPath(path: string): RouteAnswer {
    const [, , rawApn = '', sub] = path.replace(/\/$/, '').split('/');
    const handler = sub === undefined ? parcelBody : SUBRESOURCES[sub];
    if (!handler) return { kind: 'not-found' };
    const parcel = this.parcel(decodeURIComponent(rawApn));
    return { kind: 'json', body: parcel ? handler(parcel) : [] };
  }
}
