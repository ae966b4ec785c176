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

/**
 * Where the record that wins its key was read, and what the plan needs of it: keys, never records.
 * A class with every field set in the constructor, so that 100,000 of them stay small objects.
 */
export class IndexEntry {
  /** Listing and enrichment: the property the record belongs to, set by `planLinks`. */
  property: string | null = null;
  /**
   * Parcel: its property (when only the parcel makes it) must be merged. Listing: its document
   * must be written. Set when the digest differs from store-state's.
   */
  pending = false;

  constructor(
    /** The record's key: APN, MLS number or enrichment key. */
    readonly key: string,
    /** Position in the pass over the ordered stages (see `orderStages`). */
    readonly pos: number,
    /** Index of its stage in the ordered stages. */
    readonly stage: number,
    /** When its source observed it, epoch ms. */
    readonly t: number,
    /** Digest of the record without `raw` (see `recordDigest`), as text. */
    readonly d: string,
    /** Quality: county or listing fields filled. */
    readonly filled: number,
    /** Listing: fields its description states (bits); enrichment: fields it filled (bits). */
    readonly mask: number,
    /** Parcel: situs address key. Listing: address key. */
    readonly address: string | null,
    /** Listing: the APN the page shows. */
    readonly apn: string | null,
  ) {}
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
  /** The first owner-fields value collect-county sealed (a public repository's artifact), if any. */
  firstSealed: string | null;
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
  const d = recordDigest(record as object);
  if (type === 'county-parcel') {
    const parcel = record as CountyParcel;
    const t = Date.parse(parcel.collectedAt);
    const address = parcel.situs?.key ?? null;
    return new IndexEntry(parcel.apn, pos, stage, t, d, countyFilled(parcel), 0, address, null);
  }
  if (type === 'mls-listing') {
    const listing = record as MlsListing;
    const [t, filled] = [Date.parse(listing.scrapedAt), listingFilled(listing)];
    const [mask, address] = [statedMask(listing.description), listing.address.key ?? null];
    return new IndexEntry(listing.mlsNumber, pos, stage, t, d, filled, mask, address, listing.apn);
  }
  const enrichment = record as Enrichment;
  const t = Date.parse(enrichment.extractedAt);
  const mask = enrichmentMask(enrichment.fields);
  return new IndexEntry(enrichment.key, pos, stage, t, d, 0, mask, null, null);
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
    ...{ read: {}, readPerStage: [], invalid: 0, outOfRange: 0, duplicates: 0, firstSealed: null },
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
      if (type === 'county-parcel')
        index.firstSealed ??= (parsed.data as CountyParcel).personal?.sealed ?? null;
      if (keep(maps[type], entryOf(type, parsed.data, pos, stageIndex))) index.duplicates += 1;
    }
    index.read[type] = (index.read[type] ?? 0) + count;
    index.readPerStage.push(count);
  }
  return index;
}
