import { createHash } from 'node:crypto';
import { normalizeAddress } from '../../../shared/normalize/address-key.js';
import {
  MLS_LISTING_SCHEMA_VERSION,
  mlsListingSchema,
  type MlsListing,
} from '../../../shared/model/mls-listing.js';
import { formatIssues } from '../../../shared/model/validate.js';
import { readJsonLd } from './json-ld.js';
import type { PageReading } from './page-script.js';
import {
  clip,
  parseArea,
  parseBaths,
  parseBedrooms,
  parseCount,
  parseDate,
  parseLot,
  parseMlsNumber,
  parsePrice,
  parseStatus,
  parseYear,
} from './parse-values.js';

/** A listing page that could not become a record; `field` names what was missing or wrong. */
export class ListingParseError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'ListingParseError';
  }
}

/**
 * The most characters of public remarks kept: ARMLS remarks are far shorter, so a longer text is
 * cut here, before it is stored or any later stage matches patterns against it.
 */
export const MAX_DESCRIPTION_CHARS = 10_000;
/** The longest address text read; a longer one is no address and the page is not a listing. */
export const MAX_ADDRESS_CHARS = 300;
const MAX_MLS_NUMBER_CHARS = 40;

const whole = (value: number | null): number | null =>
  value === null || !Number.isFinite(value) ? null : Math.round(value);

/**
 * Builds the `mls-listing` record of one listing page: JSON-LD values first when the page has
 * them, the selectors' fields for the rest. Nothing missing is filled in with a default.
 */
export function listingRecord(
  reading: PageReading,
  page: { url: string; html: string; scrapedAt: Date },
): MlsListing {
  const fields = reading.fields;
  const ld = readJsonLd(reading.jsonLd);
  const status = parseStatus(fields.status);
  if (status === null) throw new ListingParseError(`no listing status on ${page.url}`, 'status');
  const addressText = ld?.address ?? fields.address;
  if (!addressText) throw new ListingParseError(`no address on ${page.url}`, 'address');
  if (addressText.length > MAX_ADDRESS_CHARS)
    throw new ListingParseError(
      `the address on ${page.url} is ${addressText.length} characters long, expected at most ${MAX_ADDRESS_CHARS}`,
      'address',
    );
  const mlsNumber = (ld?.mlsNumber ?? parseMlsNumber(fields.mlsNumber)) || null;
  if (!mlsNumber) throw new ListingParseError(`no MLS number on ${page.url}`, 'mlsNumber');
  if (mlsNumber.length > MAX_MLS_NUMBER_CHARS)
    throw new ListingParseError(
      `the MLS number on ${page.url} is ${mlsNumber.length} characters long, expected at most ${MAX_MLS_NUMBER_CHARS}`,
      'mlsNumber',
    );
  const address = normalizeAddress(addressText);
  const pageBaths = parseBaths(fields.baths, fields.halfBaths);
  const ldFull = ld?.fullBaths ?? null;
  const bathrooms =
    ldFull !== null
      ? { full: ldFull, half: ld?.halfBaths ?? 0, total: ldFull + (ld?.halfBaths ?? 0) / 2 }
      : ld?.totalBaths != null
        ? { total: Math.round(ld.totalBaths * 4) / 4, full: null, half: null }
        : pageBaths;
  const record = {
    schemaVersion: MLS_LISTING_SCHEMA_VERSION,
    mlsNumber,
    status,
    listPrice: whole(ld?.price ?? parsePrice(fields.price)),
    bedrooms: whole(ld?.bedrooms ?? parseBedrooms(fields.bedrooms)),
    bathrooms,
    livingAreaSqft: whole(ld?.livingAreaSqft ?? parseArea(fields.livingArea)),
    lotSizeSqft: parseLot(fields.lotSize),
    yearBuilt: whole(ld?.yearBuilt ?? parseYear(fields.yearBuilt)),
    propertyType: fields.propertyType === undefined ? null : clip(fields.propertyType),
    address,
    zip: address.parts.zip,
    apn: null,
    daysOnMarket: parseCount(fields.daysOnMarket),
    listedOn: parseDate(ld?.listedOn ?? fields.listedOn),
    photoCount: parseCount(fields.photoCount),
    description: (ld?.description ?? fields.description)?.slice(0, MAX_DESCRIPTION_CHARS) ?? null,
    sourceUrl: page.url,
    scrapedAt: page.scrapedAt.toISOString(),
    rawHtmlSha256: createHash('sha256').update(page.html).digest('hex'),
  };
  const result = mlsListingSchema.safeParse(record);
  if (!result.success) {
    const field = String(result.error.issues[0]?.path[0] ?? 'record');
    throw new ListingParseError(
      `listing at ${page.url} is invalid: ${formatIssues(result.error)}`,
      field,
    );
  }
  return result.data;
}
