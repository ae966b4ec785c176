import { setTimeout as wait } from 'node:timers/promises';
import type { ListingSite } from '../../../local/sandbox/listing-site/server.js';
import type { MlsListing } from '../../../shared/model/mls-listing.js';

/** Resolves once `ready()` holds, polling; rejects when `signal` aborts first. */
export async function until(ready: () => boolean, signal?: AbortSignal): Promise<void> {
  while (!ready()) await wait(20, undefined, { signal });
}

/** Paths of the listing pages the site answered with a listing since request `from`. */
export function listingLoads(site: ListingSite, from: number): string[] {
  return site.requestLog
    .slice(from)
    .filter((request) => request.kind === 'listing' && request.status === 200)
    .map((request) => request.path);
}

/** The listing page paths of stored listings, sorted. */
export function pagesOf(listings: readonly MlsListing[]): string[] {
  return listings.map((listing) => new URL(listing.sourceUrl).pathname).sort();
}
