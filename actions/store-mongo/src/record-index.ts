import type { Logger } from '../../../shared/logger.js';
import { countyParcelSchema, type CountyParcel } from '../../../shared/model/county-parcel.js';
import { enrichmentSchema, type Enrichment } from '../../../shared/model/enrichment.js';
import {
  listingRangeProblems,
  mlsListingSchema,
  type MlsListing,
} from '../../../shared/model/mls-listing.js';
import { formatIssues } from '../../../shared/model/validate.js';
import type { LoadedStage, StoredRecordType } from './load-stages.js';
import { countyFilled, enrichmentMask, listingFilled, statedMask } from './record-facts.js';
import { recordDigest } from './store-state.js';

/** Where the record that wins its key was read, and what the plan needs of it: keys, never records. */
export interface IndexEntry {
  /** The record's key: APN, MLS number or enrichment key. */
  key: string;
  /** Position in the pass over the ordered stages (see `orderStages`). */
  pos: number;
  /** Index of its stage in the ordered stages. */
  stage: number;
  /** When its source observed it, epoch ms. */
  t: number;
  /** Digest of the record without `raw` (see `recordDigest`). */
  d: string;
  /** Quality: county or listing fields filled; for a listing also the fields its text states. */
  filled: number;
  /** Parcel: situs address key. Listing: address key. */
  address: string | null;
  /** Listing: the APN the page shows. */
  apn: string | null;
  /** Listing: fields its description states (bits); enrichment: fields it filled (bits). */
  mask: number;
  /** Listing and enrichment: the property the record belongs to, set by `planLinks`. */
  property?: string | null;
  /** Listing: set when its document must be written (its digest differs from store-state's). */
  digest?: string;
}

/** The keys of every valid input record (the latest observation wins a key) and what reading found. */
export interface RecordIndex {
  /** The stages in the order both passes read them: listings and enrichment first, parcels last. */
  stages: LoadedStage[];
  parcels: Map<string, IndexEntry>;
  listings: Map<string, IndexEntry>;
  enrichments: Map<string, IndexEntry>;
  /** Records read, per record type, and per stage (by ordered index), to compare with the manifests. */
  read: Record<string, number>;
  readPerStage: number[];
  /** Records failing their schema (skipped: they stay in the artifacts). */
  invalid: number;
  /** Valid listings with an implausible value (stored, but counted as not valid). */
  outOfRange: number;
  /** Records whose key another record of the same type already had. */
  duplicates: number;
}

const SCHEMAS = {
  'county-parcel': countyParcelSchema,
  'mls-listing': mlsListingSchema,
  enrichment: enrichmentSchema,
} as const;

const MAX_WARNINGS = 5;

/**
 * Listing and enrichment stages first, parcel stages last (each kind in the order given): a parcel
 * is then always the last record of its property to arrive, so the records waiting for their
 * property to be complete are the small listing and enrichment ones, never a parcel's raw body.
 */
export function orderStages(stages: readonly LoadedStage[]): LoadedStage[] {
  const last = (stage: LoadedStage) => (stage.manifest.recordType === 'county-parcel' ? 1 : 0);
  return [...stages].sort((a, b) => last(a) - last(b));
}

function keep(map: Map<string, IndexEntry>, entry: IndexEntry): boolean {
  const previous = map.get(entry.key);
  if (previous === undefined || previous.t <= entry.t) map.set(entry.key, entry);
  return previous !== undefined;
}

function entryOf(type: StoredRecordType, record: unknown, pos: number, stage: number): IndexEntry {
  const base = { pos, stage, d: recordDigest(record as object), filled: 0, mask: 0 };
  if (type === 'county-parcel') {
    const parcel = record as CountyParcel;
    return {
      ...base,
      ...{ key: parcel.apn, t: Date.parse(parcel.collectedAt), filled: countyFilled(parcel) },
      ...{ address: parcel.situs?.key ?? null, apn: null },
    };
  }
  if (type === 'mls-listing') {
    const listing = record as MlsListing;
    return {
      ...base,
      ...{ key: listing.mlsNumber, t: Date.parse(listing.scrapedAt) },
      ...{ filled: listingFilled(listing), mask: statedMask(listing.description) },
      ...{ address: listing.address.key ?? null, apn: listing.apn },
    };
  }
  const enrichment = record as Enrichment;
  return {
    ...base,
    ...{ key: enrichment.key, t: Date.parse(enrichment.extractedAt) },
    ...{ mask: enrichmentMask(enrichment.fields), address: null, apn: null },
  };
}

/**
 * The first pass: streams every record of every stage, validates it, and keeps for each key where
 * the latest observation of it was read, with its digest and the few facts linking and quality
 * need. Invalid records are counted and named in warnings (the first few), never stored.
 */
export async function indexStages(
  input: readonly LoadedStage[],
  logger: Logger,
): Promise<RecordIndex> {
  const stages = orderStages(input);
  const index: RecordIndex = {
    ...{ stages, parcels: new Map(), listings: new Map(), enrichments: new Map() },
    ...{ read: {}, readPerStage: [], invalid: 0, outOfRange: 0, duplicates: 0 },
  };
  const maps = {
    'county-parcel': index.parcels,
    'mls-listing': index.listings,
    enrichment: index.enrichments,
  };
  let pos = 0;
  for (const [stageIndex, stage] of stages.entries()) {
    const type = stage.manifest.recordType;
    let count = 0;
    for await (const raw of stage.records()) {
      count += 1;
      pos += 1;
      const parsed = SCHEMAS[type].safeParse(raw);
      if (!parsed.success) {
        index.invalid += 1;
        if (index.invalid <= MAX_WARNINGS)
          logger.warning(
            `${stage.source} record ${count} is not a valid ${type}: ${formatIssues(parsed.error)}`,
          );
        continue;
      }
      if (type === 'mls-listing' && listingRangeProblems(parsed.data as MlsListing).length > 0)
        index.outOfRange += 1;
      if (keep(maps[type], entryOf(type, parsed.data, pos, stageIndex))) index.duplicates += 1;
    }
    index.read[type] = (index.read[type] ?? 0) + count;
    index.readPerStage.push(count);
  }
  return index;
}
