import type { StageRun } from './stage-runs.js';

/** A ZIP's rolling county refresh after a run, as collect-county counted it. */
export interface ParcelCoverage {
  /** Parcels in the ZIP's parcel index. */
  known: number;
  /** Known parcels the county has given at some time. */
  collected: number;
  /** Known parcels refreshed within `freshDays`. */
  fresh: number;
  freshDays: number;
  /** Nights until every known parcel is fresh at this pace. */
  nightsLeft: number;
  /** Nights one full refresh of the known parcels takes at this pace. */
  cycleNights: number;
  /** Parcels a night refreshes; null when the run had no rate limit or no time budget. */
  perNight: number | null;
  /** Requests the shard could send in the run; null when unbounded. */
  requestBudget: number | null;
  /** Parcels with listing activity, refreshed first; null when not counted. */
  listingActivity: number | null;
  /** Search pages left before the parcel index is complete; null once it is. */
  indexPagesLeft: number | null;
}

/** What a ZIP's collect-county shard reported: coverage, or which figures it lacked. */
export interface CountyShard {
  outcome: StageRun['outcome'];
  /** Null when the shard reported no coverage (full mode, no database) or an incomplete set. */
  coverage: ParcelCoverage | null;
  /** Required coverage counts missing from an incomplete set; empty when none was reported. */
  missing: string[];
}

/** A ZIP's listing frontier after a run, as scrape-mls counted it; only the counts it gave. */
export type ListingFrontier = Partial<
  Record<'known' | 'new' | 'changed' | 'revisited' | 'left', number>
>;

/** Coverage of one ZIP in one run: the county shard (when it ran) and the listing frontier. */
export interface ZipCoverage {
  county?: CountyShard;
  listings?: ListingFrontier;
}

const REQUIRED = {
  known: 'parcels-known',
  collected: 'parcels-collected',
  fresh: 'parcels-fresh',
  freshDays: 'fresh-days',
  nightsLeft: 'refresh-nights-left',
  cycleNights: 'refresh-cycle-nights',
} as const;

const FRONTIER = {
  known: 'listings-known',
  new: 'listings-new',
  changed: 'listings-changed',
  revisited: 'listings-revisited',
  left: 'listings-left',
} as const;

// The ledger is read back from the database: a count that is not a non-negative number is absent.
const figure = (counts: Record<string, unknown>, name: string): number | undefined => {
  const value = counts[name];
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
};

/** A collect-county shard's coverage counts. */
export function countyShard(stage: Pick<StageRun, 'outcome' | 'counts'>): CountyShard {
  const counts = stage.counts as Record<string, unknown>;
  if (figure(counts, REQUIRED.known) === undefined)
    return { outcome: stage.outcome, coverage: null, missing: [] };
  const missing = Object.values(REQUIRED).filter((name) => figure(counts, name) === undefined);
  if (missing.length) return { outcome: stage.outcome, coverage: null, missing };
  const required = (name: string): number => figure(counts, name)!;
  const optional = (name: string): number | null => figure(counts, name) ?? null;
  const pagesLeft = optional('index-pages-left');
  return {
    outcome: stage.outcome,
    coverage: {
      known: required(REQUIRED.known),
      collected: required(REQUIRED.collected),
      fresh: required(REQUIRED.fresh),
      freshDays: required(REQUIRED.freshDays),
      nightsLeft: required(REQUIRED.nightsLeft),
      cycleNights: required(REQUIRED.cycleNights),
      perNight: optional('parcels-per-night'),
      requestBudget: optional('request-budget'),
      listingActivity: optional('parcels-with-listing-activity'),
      indexPagesLeft: pagesLeft === 0 ? null : pagesLeft,
    },
    missing: [],
  };
}

/** A scrape-mls shard's frontier counts; undefined when it gave none. */
export function listingFrontier(stage: Pick<StageRun, 'counts'>): ListingFrontier | undefined {
  const frontier: ListingFrontier = {};
  for (const [key, name] of Object.entries(FRONTIER) as Array<[keyof ListingFrontier, string]>) {
    const value = figure(stage.counts, name);
    if (value !== undefined) frontier[key] = value;
  }
  return Object.keys(frontier).length ? frontier : undefined;
}

/**
 * Adds a stage's coverage to its run's coverage by ZIP (the shard of the collecting stages). A
 * Map, because shard names come from the ledger and may be anything, `__proto__` included.
 */
export function addCoverage(coverage: Map<string, ZipCoverage>, stage: StageRun): void {
  if (stage.stage !== 'collect-county' && stage.stage !== 'scrape-mls') return;
  const zip = coverage.get(stage.shard) ?? {};
  coverage.set(stage.shard, zip);
  if (stage.stage === 'collect-county') zip.county = countyShard(stage);
  const listings = stage.stage === 'scrape-mls' ? listingFrontier(stage) : undefined;
  if (listings) zip.listings = listings;
}
