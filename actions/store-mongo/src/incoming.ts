import type { Logger } from '../../../shared/logger.js';
import { countyParcelSchema, type CountyParcel } from '../../../shared/model/county-parcel.js';
import { enrichmentSchema, type Enrichment } from '../../../shared/model/enrichment.js';
import {
  listingRangeProblems,
  mlsListingSchema,
  type MlsListing,
} from '../../../shared/model/mls-listing.js';
import { formatIssues } from '../../../shared/model/validate.js';
import type { LoadedStage } from './load-stages.js';

/** A record with the run that produced it and when its source observed it (UTC ISO). */
export interface Sourced<T> {
  record: T;
  runId: string;
  observedAt: string;
}

/** Valid input records by key (latest observation wins) and what reading them found. */
export interface Incoming {
  parcels: Map<string, Sourced<CountyParcel>>;
  listings: Map<string, Sourced<MlsListing>>;
  /** By enrichment key: an APN or `addr:<address key>`. */
  enrichments: Map<string, Sourced<Enrichment>>;
  /** Records read, per record type, to compare with the manifests. */
  read: Record<string, number>;
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

function keep<T>(map: Map<string, Sourced<T>>, key: string, next: Sourced<T>): boolean {
  const previous = map.get(key);
  if (previous === undefined || previous.observedAt <= next.observedAt) map.set(key, next);
  return previous !== undefined;
}

/**
 * Validates every record of every stage and keeps the latest record per key. Invalid records are
 * counted and named in warnings (the first few), never stored.
 */
export function collectIncoming(stages: readonly LoadedStage[], logger: Logger): Incoming {
  const incoming: Incoming = {
    ...{ parcels: new Map(), listings: new Map(), enrichments: new Map() },
    ...{ read: {}, invalid: 0, outOfRange: 0, duplicates: 0 },
  };
  for (const stage of stages) {
    const type = stage.manifest.recordType;
    const runId = stage.manifest.runId;
    incoming.read[type] = (incoming.read[type] ?? 0) + stage.records.length;
    stage.records.forEach((raw, index) => {
      const parsed = SCHEMAS[type].safeParse(raw);
      if (!parsed.success) {
        incoming.invalid += 1;
        if (incoming.invalid <= MAX_WARNINGS)
          logger.warning(
            `${stage.source} record ${index + 1} is not a valid ${type}: ${formatIssues(parsed.error)}`,
          );
        return;
      }
      let duplicate: boolean;
      if (type === 'county-parcel') {
        const parcel = parsed.data as CountyParcel;
        const observedAt = new Date(parcel.collectedAt).toISOString();
        duplicate = keep(incoming.parcels, parcel.apn, { record: parcel, runId, observedAt });
      } else if (type === 'mls-listing') {
        const listing = parsed.data as MlsListing;
        if (listingRangeProblems(listing).length > 0) incoming.outOfRange += 1;
        const observedAt = new Date(listing.scrapedAt).toISOString();
        duplicate = keep(incoming.listings, listing.mlsNumber, {
          record: listing,
          runId,
          observedAt,
        });
      } else {
        const enrichment = parsed.data as Enrichment;
        const observedAt = new Date(enrichment.extractedAt).toISOString();
        duplicate = keep(incoming.enrichments, enrichment.key, {
          record: enrichment,
          runId,
          observedAt,
        });
      }
      if (duplicate) incoming.duplicates += 1;
    });
  }
  return incoming;
}
