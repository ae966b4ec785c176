import { createHash } from 'node:crypto';
import type { CountyParcel } from '../../../shared/model/county-parcel.js';
import type { MlsListing } from '../../../shared/model/mls-listing.js';

/** Raise when the prompt or reply format changes: cached extractions then no longer apply. */
export const PROMPT_VERSION = 'enrich-v2';

/** What the extractor is given about one property; values are untrusted text, never code. */
export interface SubjectInput {
  /** Facts from the listing and the county parcel; absent facts are left out. */
  facts: Record<string, string | number | boolean>;
  /** The listing's public remarks as scraped. */
  description: string;
}

/** One property to enrich. */
export interface Subject {
  /** Property key: the parcel's APN, else the listing's, else `addr:<address key>`. */
  key: string;
  input: SubjectInput;
  /** The input as canonical JSON: what is hashed and what the prompt carries. */
  inputText: string;
}

/** Why listings were left out. */
export interface SubjectCounts {
  listings: number;
  noDescription: number;
  unkeyed: number;
  duplicates: number;
}

/** The few parcel facts a subject takes: what the join by APN or address keeps of a parcel. */
export type ParcelFacts = Pick<
  CountyParcel,
  | 'apn'
  | 'livingAreaSqft'
  | 'lotSizeSqft'
  | 'originalConstructionYear'
  | 'useDescription'
  | 'pool'
  | 'garageSpaces'
  | 'roofType'
  | 'cooling'
> & { situs: { key: string | null } | null };

/** The facts of `parcel` a subject takes, without its raw body or anything else. */
export function parcelFacts(parcel: ParcelFacts): ParcelFacts {
  const { apn, livingAreaSqft, lotSizeSqft, originalConstructionYear, useDescription } = parcel;
  const { pool, garageSpaces, roofType, cooling } = parcel;
  const situs = parcel.situs?.key ? { key: parcel.situs.key } : null;
  return {
    ...{ apn, livingAreaSqft, lotSizeSqft, originalConstructionYear, useDescription },
    ...{ pool, garageSpaces, roofType, cooling, situs },
  };
}

function facts(listing: MlsListing, parcel: ParcelFacts | undefined): SubjectInput['facts'] {
  const all: Record<string, string | number | boolean | null | undefined> = {
    listingPropertyType: listing.propertyType,
    bedrooms: listing.bedrooms,
    bathrooms: listing.bathrooms.total,
    livingAreaSqft: listing.livingAreaSqft ?? parcel?.livingAreaSqft,
    lotSizeSqft: listing.lotSizeSqft ?? parcel?.lotSizeSqft,
    yearBuilt: listing.yearBuilt ?? parcel?.originalConstructionYear,
    countyUse: parcel?.useDescription,
    countyPool: parcel?.pool,
    countyGarageSpaces: parcel?.garageSpaces,
    countyRoof: parcel?.roofType,
    countyCooling: parcel?.cooling,
  };
  return Object.fromEntries(
    Object.entries(all).filter((entry): entry is [string, string | number | boolean] => {
      return entry[1] !== null && entry[1] !== undefined;
    }),
  );
}

/**
 * The properties worth enriching: every listing with a description, joined to its parcel by APN
 * or by address key, one per property key (the most recently scraped listing wins), sorted by key.
 */
export function buildSubjects(
  parcels: readonly ParcelFacts[],
  listings: readonly MlsListing[],
): { subjects: Subject[]; counts: SubjectCounts } {
  const byApn = new Map(parcels.map((parcel) => [parcel.apn, parcel]));
  const byAddress = new Map(
    parcels.filter((parcel) => parcel.situs?.key).map((parcel) => [parcel.situs?.key, parcel]),
  );
  const counts: SubjectCounts = {
    listings: listings.length,
    noDescription: 0,
    unkeyed: 0,
    duplicates: 0,
  };
  const chosen = new Map<string, MlsListing>();
  const parcelOf = new Map<string, ParcelFacts | undefined>();
  for (const listing of listings) {
    if (!listing.description?.trim()) {
      counts.noDescription += 1;
      continue;
    }
    const addressKey = listing.address.key;
    const parcel =
      (listing.apn ? byApn.get(listing.apn) : undefined) ??
      (addressKey ? byAddress.get(addressKey) : undefined);
    const key = parcel?.apn ?? listing.apn ?? (addressKey ? `addr:${addressKey}` : null);
    if (key === null) {
      counts.unkeyed += 1;
      continue;
    }
    const earlier = chosen.get(key);
    if (earlier) counts.duplicates += 1;
    if (!earlier || Date.parse(listing.scrapedAt) >= Date.parse(earlier.scrapedAt)) {
      chosen.set(key, listing);
      parcelOf.set(key, parcel);
    }
  }
  const subjects = [...chosen]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, listing]) => {
      const input = {
        facts: facts(listing, parcelOf.get(key)),
        description: listing.description ?? '',
      };
      return { key, input, inputText: JSON.stringify(input) };
    });
  return { subjects, counts };
}

/** `llama3.2` -> `llama3.2:latest`: Ollama's default tag, so both spellings share a cache. */
export function fullModelName(model: string): string {
  return model.includes(':') ? model : `${model}:latest`;
}

/** Cache key and `inputSha256`: the extractor (model, or `rules`), the prompt version and the input. */
export function inputSha256(extractor: string, subject: Subject): string {
  return createHash('sha256')
    .update(`${extractor}\n${PROMPT_VERSION}\n${subject.inputText}`)
    .digest('hex');
}

/** Digest of the input alone (no extractor, no prompt version): whether a listing changed. */
export function inputDigest(subject: Subject): string {
  return createHash('sha256').update(subject.inputText).digest('hex');
}
