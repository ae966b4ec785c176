import type { Logger } from '../../../shared/logger.js';
import { tryNormalizeApn } from '../../../shared/normalize/apn.js';
import type { CountyApi } from './county-api.js';

/** Rows the county serves per search page. */
const PAGE_SIZE = 25;
/** A guard against a server that never sends a short page: 250k rows. */
const MAX_PAGES = 10_000;
/** Search row types that are homes (search spells them in upper case). */
const RESIDENTIAL = new Set(['RESIDENTIAL', 'TOWNHOUSE', 'CONDO', 'CONDOMINIUM']);

/** The residential parcels of one ZIP, as its search listed them. */
export interface ZipSearch {
  /** Canonical APNs in search order, each once. */
  apns: string[];
  /** Rows left out: another SitusZip, not residential, or no usable APN. */
  ignored: number;
  pages: number;
  /** The county's `TOTAL`, when it sent one. */
  total: number | undefined;
}

/**
 * Pages through the full-text search for `zip` until a short or empty page (or `TOTAL` is
 * reached), keeping residential rows whose `SitusZip` is the ZIP: the text search also hits
 * parcels that merely mention it.
 */
export async function searchZip(
  api: CountyApi,
  zip: string,
  logger: Logger,
  signal?: AbortSignal,
): Promise<ZipSearch> {
  const seen = new Set<string>();
  let ignored = 0;
  let total: number | undefined;
  let page = 1;
  for (; page <= MAX_PAGES; page += 1) {
    const result = await api.searchPage(zip, page, signal);
    total ??= result.total;
    for (const row of result.rows) {
      const apn = tryNormalizeApn(row.APN);
      const residential = RESIDENTIAL.has((row.PropertyType ?? '').trim().toUpperCase());
      if (apn === null || !residential || (row.SitusZip ?? '').trim() !== zip) ignored += 1;
      else seen.add(apn);
    }
    logger.debug(`search ${zip} page ${page}: ${result.rows.length} rows`);
    if (result.rows.length < PAGE_SIZE || (total !== undefined && page * PAGE_SIZE >= total)) break;
  }
  logger.info(
    `${zip}: ${seen.size} residential parcels in ${page} search pages (${ignored} other rows left out)`,
  );
  return { apns: [...seen], ignored, pages: Math.min(page, MAX_PAGES), total };
}
