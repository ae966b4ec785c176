import type { Freshness } from './integrity.js';
import type { PropertyRef } from './link.js';
import { FIELDS_PER_RECORD, bitCount } from './record-facts.js';
import type { IndexEntry, RecordIndex } from './record-index.js';

/** Data quality of one store run; shares are 0 to 1, null when there was nothing to measure. */
export interface Quality {
  /**
   * Share of canonical fields filled, per source, over this run's valid records. For `llm`, the
   * fields are those the property's listing text speaks of (a field the text never mentions is
   * not missing), over the enrichments whose listing this run brought.
   */
  completeness: { county: number | null; mls: number | null; llm: number | null };
  /** Records passing their schema and, for listings, the plausible ranges. */
  validity: { records: number; valid: number; share: number | null };
  /** Input records folded into another of the same key, plus unmatched listings taken over by a parcel. */
  duplicatesMerged: number;
  /** This run's listings whose property is a parcel (APN). */
  listingsLinked: { listings: number; linked: number; share: number | null };
  /** Stored parcels the county refreshed within FRESHNESS_DAYS; null on a dry run. */
  freshness: Freshness | null;
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

function completeness(entries: Iterable<IndexEntry>, fields: number): number | null {
  let present = 0;
  let total = 0;
  for (const entry of entries) {
    present += entry.filled;
    total += fields;
  }
  return share(present, total);
}

/** Enrichment completeness: filled fields among those each property's listing text states. */
function enrichmentCompleteness(properties: Iterable<PropertyRef>): number | null {
  let stated = 0;
  let given = 0;
  for (const { enrichment, listing } of properties) {
    if (!enrichment || !listing) continue;
    stated += bitCount(listing.mask);
    given += bitCount(listing.mask & enrichment.mask);
  }
  return share(given, stated);
}

/** The quality figures of a run from what was read (`index`), linked (`properties`) and stored. */
export function measureQuality(
  index: RecordIndex,
  properties: Iterable<PropertyRef>,
  linked: { listings: number; linked: number; absorbed: number },
  freshness: Freshness | null,
): Quality {
  const records = Object.values(index.read).reduce((sum, count) => sum + count, 0);
  const valid = records - index.invalid - index.outOfRange;
  return {
    completeness: {
      county: completeness(index.parcels.values(), FIELDS_PER_RECORD.county),
      mls: completeness(index.listings.values(), FIELDS_PER_RECORD.mls),
      llm: enrichmentCompleteness(properties),
    },
    validity: { records, valid, share: share(valid, records) },
    duplicatesMerged: index.duplicates + linked.absorbed,
    listingsLinked: {
      listings: linked.listings,
      linked: linked.linked,
      share: share(linked.linked, linked.listings),
    },
    freshness,
  };
}
