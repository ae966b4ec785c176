import { z } from 'zod';
import { normalizedAddressSchema } from './address.js';
import {
  apnSchema,
  calendarDateSchema,
  countSchema,
  httpUrlSchema,
  sha256Schema,
  timestampSchema,
  zip5Schema,
} from './common.js';

/** Version of the `mls-listing` record; raise it on any change that breaks a reader. */
export const MLS_LISTING_SCHEMA_VERSION = 1;

/** ARMLS listing statuses, as Phoenix listing pages show them. */
export const LISTING_STATUSES = [
  'Active',
  'Coming Soon',
  'UCB',
  'CCBS',
  'Pending',
  'Closed',
  'Temp Off Market',
  'Cancelled',
  'Expired',
  'Withdrawn',
] as const;

/** Statuses ARMLS counts as still on the market: under contract but taking backups counts. */
export const ACTIVE_LISTING_STATUSES = ['Active', 'UCB', 'CCBS'] as const;

/**
 * Plausible values from the operations guide. They are checked by `listingRangeProblems`, not by
 * the schema: an outlier (a $6M estate, a $30k mobile home) is kept and counted as invalid, not lost.
 */
export const LISTING_RANGES = {
  listPrice: { min: 50_000, max: 5_000_000 },
  livingAreaSqft: { min: 400, max: 20_000 },
  bedrooms: { min: 0, max: 20 },
  bathrooms: { min: 0, max: 20 },
} as const;

const rooms = z.number().nonnegative();

/** One listing page from the listing site, normalised, with what is needed to trace it back. */
export const mlsListingSchema = z
  .object({
    schemaVersion: z.literal(MLS_LISTING_SCHEMA_VERSION).describe('Version of this record shape'),
    mlsNumber: z
      .string()
      .regex(/^[A-Za-z0-9-]+$/)
      .describe('ARMLS listing number'),
    status: z.enum(LISTING_STATUSES).describe('ARMLS status'),
    listPrice: countSchema.nullable().describe('Asking price in dollars'),
    bedrooms: rooms.int().nullable().describe('Bedrooms'),
    bathrooms: z
      .object({
        total: rooms.multipleOf(0.25).nullable().describe('Bathrooms as a decimal, e.g. 2.5'),
        full: rooms.int().nullable().describe('Full bathrooms'),
        half: rooms.int().nullable().describe('Half bathrooms'),
      })
      .describe('Bathrooms as the page gives them: a decimal, a full/half split, or both'),
    livingAreaSqft: countSchema.nullable().describe('Living area in square feet'),
    lotSizeSqft: countSchema.nullable().describe('Lot area in square feet'),
    yearBuilt: z.number().int().nullable().describe('Year built'),
    propertyType: z.string().nullable().describe('Property type as the page shows it'),
    address: normalizedAddressSchema.describe('Address as the page shows it, and normalised'),
    zip: zip5Schema.nullable().describe('ZIP5 of the listing'),
    apn: apnSchema.nullable().describe('APN when the page shows one, canonical'),
    daysOnMarket: countSchema.nullable().describe('Days on market as the page shows it'),
    listedOn: calendarDateSchema.nullable().describe('Listing date'),
    photoCount: countSchema.nullable().describe('Number of photos'),
    description: z
      .string()
      .nullable()
      .describe('Public remarks: untrusted text, escape before display, quote in prompts'),
    sourceUrl: httpUrlSchema.describe('URL of the listing page'),
    scrapedAt: timestampSchema.describe('When the page was fetched'),
    rawHtmlSha256: sha256Schema.describe('SHA-256 of the page HTML as fetched'),
  })
  .meta({ title: 'MlsListing' });

/** A normalised listing. */
export type MlsListing = z.output<typeof mlsListingSchema>;
/** An ARMLS status. */
export type ListingStatus = MlsListing['status'];

/**
 * Values outside the plausible ranges of the operations guide (year built 1900 to next year),
 * one message per field, e.g. `listPrice 1500 is below 50000`. Empty when all are plausible.
 */
export function listingRangeProblems(listing: MlsListing, now = new Date()): string[] {
  const problems: string[] = [];
  const check = (field: string, value: number | null, min: number, max: number): void => {
    if (value === null) return;
    if (value < min) problems.push(`${field} ${value} is below ${min}`);
    else if (value > max) problems.push(`${field} ${value} is above ${max}`);
  };
  check('listPrice', listing.listPrice, LISTING_RANGES.listPrice.min, LISTING_RANGES.listPrice.max);
  const area = LISTING_RANGES.livingAreaSqft;
  check('livingAreaSqft', listing.livingAreaSqft, area.min, area.max);
  check('bedrooms', listing.bedrooms, LISTING_RANGES.bedrooms.min, LISTING_RANGES.bedrooms.max);
  const baths = LISTING_RANGES.bathrooms;
  check('bathrooms.total', listing.bathrooms.total, baths.min, baths.max);
  check('bathrooms.full', listing.bathrooms.full, baths.min, baths.max);
  check('yearBuilt', listing.yearBuilt, 1900, now.getUTCFullYear() + 1);
  return problems;
}
