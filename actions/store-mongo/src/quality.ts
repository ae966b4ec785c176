import type { CountyParcel } from '../../../shared/model/county-parcel.js';
import { countStatedFields } from '../../../shared/model/enrichment-evidence.js';
import type { MlsListing } from '../../../shared/model/mls-listing.js';
import type { Incoming } from './incoming.js';
import type { Freshness } from './integrity.js';
import type { PropertyInput } from './link.js';

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

const filled = (value: unknown): boolean =>
  value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0);

const COUNTY_FIELDS: ReadonlyArray<(parcel: CountyParcel) => unknown> = [
  (p) => p.situs?.key,
  (p) => p.livingAreaSqft,
  (p) => p.lotSizeSqft,
  (p) => p.constructionYear,
  (p) => p.pool,
  (p) => p.garageSpaces,
  (p) => p.valuations,
  (p) => p.legalClass,
  (p) => (p.owner?.redacted ? 'redacted' : p.owner?.name),
  (p) => p.lastSale,
];
const MLS_FIELDS: ReadonlyArray<(listing: MlsListing) => unknown> = [
  (l) => l.listPrice,
  (l) => l.bedrooms,
  (l) => l.bathrooms.total ?? l.bathrooms.full,
  (l) => l.livingAreaSqft,
  (l) => l.lotSizeSqft,
  (l) => l.yearBuilt,
  (l) => l.daysOnMarket,
  (l) => l.listedOn,
  (l) => l.address.key,
];

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

function completeness<T>(
  records: Iterable<{ record: T }>,
  fields: ReadonlyArray<(record: T) => unknown>,
): number | null {
  let present = 0;
  let total = 0;
  for (const { record } of records) {
    for (const field of fields) present += filled(field(record)) ? 1 : 0;
    total += fields.length;
  }
  return share(present, total);
}

/** Enrichment completeness: filled fields among those each property's listing text states. */
function enrichmentCompleteness(properties: Iterable<PropertyInput>): number | null {
  const extractions = [...properties].flatMap(({ enrichment, listing }) => {
    const text = listing?.record.description?.trim();
    return enrichment && text ? [{ fields: enrichment.record.fields, text }] : [];
  });
  const { stated, filled: given } = countStatedFields(extractions);
  return share(given, stated);
}

/** The quality figures of a run from what was read, linked (`properties`) and stored. */
export function measureQuality(
  incoming: Incoming,
  properties: Iterable<PropertyInput>,
  linked: { listings: number; linked: number; absorbed: number },
  freshness: Freshness | null,
): Quality {
  const records = Object.values(incoming.read).reduce((sum, count) => sum + count, 0);
  const valid = records - incoming.invalid - incoming.outOfRange;
  return {
    completeness: {
      county: completeness(incoming.parcels.values(), COUNTY_FIELDS),
      mls: completeness(incoming.listings.values(), MLS_FIELDS),
      llm: enrichmentCompleteness(properties),
    },
    validity: { records, valid, share: share(valid, records) },
    duplicatesMerged: incoming.duplicates + linked.absorbed,
    listingsLinked: {
      listings: linked.listings,
      linked: linked.linked,
      share: share(linked.linked, linked.listings),
    },
    freshness,
  };
}
