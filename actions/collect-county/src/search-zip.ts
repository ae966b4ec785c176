import type { Logger } from '../../../shared/logger.js';
import { tryNormalizeApn } from '../../../shared/normalize/apn.js';
import { stopRequested } from '../../../shared/stop-signal.js';
import type { CountyApi } from './county-api.js';

/** Rows the county serves per search page. */
export const PAGE_SIZE = 25;
/** A guard against a server that never sends a short page: 250k rows. */
const MAX_PAGES = 10_000;
/** Search row types that are homes (search spells them in upper case). */
const RESIDENTIAL = new Set(['RESIDENTIAL', 'TOWNHOUSE', 'CONDO', 'CONDOMINIUM']);

/** The residential parcels of one ZIP, as its search listed them. */
export interface ZipSearch {
  /** Canonical APNs in search order, each once (those of earlier pages included when continued). */
  apns: string[];
  /** Rows left out: another SitusZip, not residential, or no usable APN. */
  ignored: number;
  /** Pages requested in this call. */
  pages: number;
  /** The county's `TOTAL`, when it sent one. */
  total: number | undefined;
  /** The page to continue at when `maxPages` ended the call first; null when the search is done. */
  nextPage: number | null;
}

/** Where a search spread over several calls (nights) continues. */
export interface SearchProgress {
  /** First page to request (from 1). */
  fromPage: number;
  /** APNs found by the earlier pages. */
  found: readonly string[];
  /** Rows the earlier pages left out. */
  ignored: number;
}

/**
 * Pages through the full-text search for `zip` until a short or empty page (or `TOTAL` is
 * reached), keeping residential rows whose `SitusZip` is the ZIP: the text search also hits
 * parcels that merely mention it. With `maxPages` it stops after that many pages, and when
 * `signal` stops it, and says where to continue (`nextPage`); `progress` continues such a search.
 */
export async function searchZip(
  api: CountyApi,
  zip: string,
  logger: Logger,
  signal?: AbortSignal,
  options: { maxPages?: number; progress?: SearchProgress } = {},
): Promise<ZipSearch> {
  const seen = new Set<string>(options.progress?.found ?? []);
  let ignored = options.progress?.ignored ?? 0;
  let total: number | undefined;
  const first = options.progress?.fromPage ?? 1;
  const last = Math.min(MAX_PAGES, first + (options.maxPages ?? MAX_PAGES) - 1);
  let page = first;
  let done = false;
  let pages = 0;
  for (; page <= last; page += 1) {
    let result: Awaited<ReturnType<CountyApi['searchPage']>>;
    try {
      result = await api.searchPage(zip, page, signal);
    } catch (error) {
      // Stopped (time budget, runner): the pages so far are kept and the search continues here.
      if (stopRequested(signal)) break;
      throw error;
    }
    pages += 1;
    total ??= result.total;
    for (const row of result.rows) {
      const apn = tryNormalizeApn(row.APN);
      const residential = RESIDENTIAL.has((row.PropertyType ?? '').trim().toUpperCase());
      if (apn === null || !residential || (row.SitusZip ?? '').trim() !== zip) ignored += 1;
      else seen.add(apn);
    }
    logger.debug(`search ${zip} page ${page}: ${result.rows.length} rows`);
    if (result.rows.length < PAGE_SIZE || (total !== undefined && page * PAGE_SIZE >= total)) {
      done = true;
      break;
    }
  }
  const nextPage = done || page > MAX_PAGES ? null : page;
  // A search cut short (page allowance, stop) is told by the caller, which knows why.
  if (nextPage === null)
    logger.info(
      `${zip}: ${seen.size} residential parcels in ${Math.min(page, MAX_PAGES)} search pages (${ignored} other rows left out)`,
    );
  else logger.debug(`${zip}: search paused before page ${nextPage}: ${seen.size} parcels so far`);
  return { apns: [...seen], ignored, pages, total, nextPage };
}
