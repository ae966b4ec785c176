import type { CountyParcel } from '../../../shared/model/county-parcel.js';
import { FIELD_CUES, fieldsTheTextStates } from '../../../shared/model/enrichment-evidence.js';
import type { EnrichmentFields } from '../../../shared/model/enrichment.js';
import type { MlsListing } from '../../../shared/model/mls-listing.js';

/**
 * What the quality figures need of one record, taken while it is read so that the record itself
 * need not be kept: how many canonical fields it fills, and which enrichment fields a listing's
 * text states (or an enrichment filled) as bits.
 */

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

/** Canonical fields per county record and per listing, the denominators of completeness. */
export const FIELDS_PER_RECORD = { county: COUNTY_FIELDS.length, mls: MLS_FIELDS.length } as const;

/** County fields the parcel fills. */
export function countyFilled(parcel: CountyParcel): number {
  return COUNTY_FIELDS.filter((field) => filled(field(parcel))).length;
}

/** Listing fields the listing fills. */
export function listingFilled(listing: MlsListing): number {
  return MLS_FIELDS.filter((field) => filled(field(listing))).length;
}

const CUED = Object.keys(FIELD_CUES) as Array<keyof typeof FIELD_CUES>;
const BIT = new Map(CUED.map((name, index) => [name, 1 << index]));

/** The fields a listing's description speaks of, as bits (none without a description). */
export function statedMask(description: string | null | undefined): number {
  const text = description?.trim();
  if (!text) return 0;
  return fieldsTheTextStates(text).reduce((mask, name) => mask | (BIT.get(name) ?? 0), 0);
}

/** The cued fields an enrichment filled, as bits. */
export function enrichmentMask(fields: EnrichmentFields): number {
  return CUED.reduce(
    (mask, name) => (filled(fields[name]) ? mask | (BIT.get(name) ?? 0) : mask),
    0,
  );
}

/** Set bits of a mask. */
export function bitCount(mask: number): number {
  let count = 0;
  for (let rest = mask; rest !== 0; rest &= rest - 1) count += 1;
  return count;
}
