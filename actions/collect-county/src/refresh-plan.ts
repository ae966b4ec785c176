import type { Db } from 'mongodb';
import type { Logger } from '../../../shared/logger.js';
import type { CountyApi } from './county-api.js';
import type { CollectCountyInputs } from './inputs.js';
import {
  EMPTY_INDEX,
  indexedParcels,
  readParcelIndex,
  writeParcelIndex,
  type IndexState,
} from './parcel-index.js';
import { searchZip } from './search-zip.js';

/** The share of the requests the collector allows itself (the limiter's margin below the rate). */
export const PACE = 0.98;

/** At most this share of a night's requests goes to search pages while the index is built. */
export const SEARCH_SHARE = 0.5;

/** Requests per hour one shard paces at: the token's rate shared by the shards that run at once. */
export function shardRate(
  inputs: Pick<CollectCountyInputs, 'requestsPerHour' | 'shardsAtOnce'>,
): number {
  return inputs.requestsPerHour / inputs.shardsAtOnce;
}

/**
 * Requests one shard may send tonight: its pace × the time budget. Infinity when either is 0
 * (no limit, or no budget): then the night is bounded only by the work.
 */
export function requestBudget(
  inputs: Pick<CollectCountyInputs, 'requestsPerHour' | 'shardsAtOnce' | 'timeBudgetMinutes'>,
): number {
  if (inputs.requestsPerHour <= 0 || inputs.timeBudgetMinutes <= 0) return Infinity;
  return Math.floor((shardRate(inputs) * PACE * inputs.timeBudgetMinutes) / 60);
}

/** What tonight's search did to the ZIP's parcel index. */
export interface IndexedSearch {
  /** Parcels to plan from: the index after tonight's pages, each once. */
  apns: string[];
  /** The index as it now stands (stored unless a dry run or no database). */
  index: IndexState;
  /** Search pages requested tonight. */
  pages: number;
  /** Rows tonight's pages left out. */
  ignored: number;
  /** How tonight used the search, for the summary. */
  note: string;
  /** Pages left before the index is complete, when the county's TOTAL says; 0 when complete. */
  pagesLeft: number | null;
}

const pagesOf = (total: number | null): number | null =>
  total === null ? null : Math.max(1, Math.ceil(total / 25));

const ageDays = (iso: string, now: Date): number => (now.getTime() - Date.parse(iso)) / 86_400_000;

/**
 * Brings the ZIP's parcel index up to date within tonight's page allowance and returns the
 * parcels to plan from. Without a stored index (or a database) the search starts at page 1; a
 * search left unfinished by an earlier night continues where it stopped; a complete index is
 * searched again only when older than `index-max-age-days` or when page 1's `TOTAL` differs from
 * the stored one (one request a night to check). Until a new search completes, the parcels of
 * the last complete one stay in the plan, so a re-search never hides known parcels.
 */
export async function searchWithIndex(options: {
  api: CountyApi;
  zip: string;
  db: Db | null;
  inputs: Pick<CollectCountyInputs, 'indexMaxAgeDays' | 'dryRun'>;
  /** Pages tonight may spend on the search (Infinity: all it takes). */
  pageAllowance: number;
  logger: Logger;
  stop?: AbortSignal;
  now?: Date;
}): Promise<IndexedSearch> {
  const { api, zip, db, logger, stop } = options;
  const now = options.now ?? new Date();
  const stored = db === null ? null : await readParcelIndex(db, zip, logger);
  const allowance = Math.max(1, options.pageAllowance);
  let pages = 0;
  let ignoredTonight = 0;
  let index: IndexState = stored ?? EMPTY_INDEX;
  let note: string;
  const run = async (from: number, found: readonly string[], ignored: number, limit: number) => {
    const result = await searchZip(api, zip, logger, stop, {
      maxPages: limit,
      progress: { fromPage: from, found, ignored },
    });
    pages += result.pages;
    ignoredTonight += result.ignored - ignored;
    return result;
  };
  const finish = (
    result: Awaited<ReturnType<typeof run>>,
    startedAt: string,
    total: number | null,
  ): IndexState =>
    result.nextPage === null
      ? {
          known: result.apns,
          found: [],
          ignored: 0,
          total: result.total ?? total,
          nextPage: null,
          startedAt: null,
          completedAt: now.toISOString(),
        }
      : {
          ...index,
          found: result.apns,
          ignored: result.ignored,
          total: total ?? result.total ?? null,
          nextPage: result.nextPage,
          startedAt,
        };

  if (index.nextPage !== null) {
    // A search an earlier night left unfinished: continue it.
    const result = await run(index.nextPage, index.found, index.ignored, allowance);
    index = finish(result, index.startedAt ?? now.toISOString(), index.total);
    note = `continued the search from page ${stored?.nextPage}`;
  } else if (
    index.completedAt !== null &&
    ageDays(index.completedAt, now) <= options.inputs.indexMaxAgeDays
  ) {
    // A complete, recent index: page 1 tells whether the county's TOTAL moved.
    const first = await run(1, [], 0, 1);
    if (first.total === undefined || first.total === index.total) {
      note = `index of ${index.known.length} parcels from ${index.completedAt.slice(0, 10)}; TOTAL unchanged`;
      // Page 1's finds join the plan (a parcel new on page 1 is worth having) but not the index.
      const plan = new Set(index.known);
      for (const apn of first.apns) plan.add(apn);
      return { apns: [...plan], index, pages, ignored: ignoredTonight, note, pagesLeft: 0 };
    }
    note = `TOTAL changed from ${index.total ?? 'unknown'} to ${first.total}: searching again`;
    index = finish(first, now.toISOString(), first.total);
    if (index.nextPage !== null && allowance > 1) {
      const result = await run(index.nextPage, index.found, index.ignored, allowance - 1);
      index = finish(result, index.startedAt ?? now.toISOString(), index.total);
    }
  } else {
    note =
      index.completedAt === null
        ? 'no parcel index yet: searching'
        : `index from ${index.completedAt.slice(0, 10)} is older than ${options.inputs.indexMaxAgeDays} days: searching again`;
    const result = await run(1, [], 0, allowance);
    index = finish(result, now.toISOString(), null);
  }
  if (db !== null && !options.inputs.dryRun) await writeParcelIndex(db, zip, index, logger);
  let pagesLeft: number | null = 0;
  if (index.nextPage !== null) {
    const total = pagesOf(index.total);
    pagesLeft = total === null ? null : Math.max(0, total - index.nextPage + 1);
    note += `; stopped at page ${index.nextPage - 1} to leave requests for parcels, continues next run`;
  } else note += `; index complete: ${index.known.length} parcels`;
  return { apns: indexedParcels(index), index, pages, ignored: ignoredTonight, note, pagesLeft };
}
