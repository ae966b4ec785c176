import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);
import {
  apnSchema,
  calendarDateSchema,
  countSchema,
  httpUrlSchema,
  sha256Schema,
  timestampSchema,
  zip5Schema
} from "./chunk-W4XHDAZ2.js";
import {
  external_exports
} from "./chunk-24OGRAKZ.js";

// shared/model/address.ts
var addressPartsSchema = external_exports.object({
  number: external_exports.string().nullable().describe('House number as written, e.g. "3301"; null when absent'),
  predir: external_exports.string().nullable().describe("Directional before the street name, abbreviated (N, S, E, W, NE, NW, SE, SW)"),
  street: external_exports.string().nullable().describe('Street name without directionals or suffix, e.g. "67TH", "INDIAN SCHOOL"'),
  suffix: external_exports.string().nullable().describe("USPS Publication 28 street suffix abbreviation, e.g. AVE, RD, ST"),
  postdir: external_exports.string().nullable().describe("Directional after the suffix, abbreviated"),
  unit: external_exports.string().nullable().describe(
    'Unit identifier alone ("12" for Apt 12, #12, Unit 12, Ste 12); written as UNIT <id> in keys'
  ),
  city: external_exports.string().nullable().describe("City as written, upper case"),
  state: external_exports.string().nullable().describe("Two-letter state abbreviation"),
  zip: external_exports.string().nullable().describe("Five-digit ZIP (ZIP+4 is cut to ZIP5)")
});
var normalizedAddressSchema = external_exports.object({
  raw: external_exports.string().describe("The address exactly as the source gave it"),
  line: external_exports.string().nullable().describe('Normalised street line, e.g. "3301 N 67TH AVE UNIT 12"; null when no street'),
  parts: addressPartsSchema.describe("The address split into USPS parts"),
  key: external_exports.string().nullable().describe(
    'Join key "<street line> <ZIP5>" that matches listings to parcels; null without number, street or ZIP'
  )
});

// shared/model/mls-listing.ts
var MLS_LISTING_SCHEMA_VERSION = 1;
var LISTING_STATUSES = [
  "Active",
  "Coming Soon",
  "UCB",
  "CCBS",
  "Pending",
  "Closed",
  "Temp Off Market",
  "Cancelled",
  "Expired",
  "Withdrawn"
];
var ACTIVE_LISTING_STATUSES = ["Active", "UCB", "CCBS"];
var LISTING_RANGES = {
  listPrice: { min: 5e4, max: 5e6 },
  livingAreaSqft: { min: 400, max: 2e4 },
  bedrooms: { min: 0, max: 20 },
  bathrooms: { min: 0, max: 20 }
};
var rooms = external_exports.number().nonnegative();
var mlsListingSchema = external_exports.object({
  schemaVersion: external_exports.literal(MLS_LISTING_SCHEMA_VERSION).describe("Version of this record shape"),
  mlsNumber: external_exports.string().regex(/^[A-Za-z0-9-]+$/).describe("ARMLS listing number"),
  status: external_exports.enum(LISTING_STATUSES).describe("ARMLS status"),
  listPrice: countSchema.nullable().describe("Asking price in dollars"),
  bedrooms: rooms.int().nullable().describe("Bedrooms"),
  bathrooms: external_exports.object({
    total: rooms.multipleOf(0.25).nullable().describe("Bathrooms as a decimal, e.g. 2.5"),
    full: rooms.int().nullable().describe("Full bathrooms"),
    half: rooms.int().nullable().describe("Half bathrooms")
  }).describe("Bathrooms as the page gives them: a decimal, a full/half split, or both"),
  livingAreaSqft: countSchema.nullable().describe("Living area in square feet"),
  lotSizeSqft: countSchema.nullable().describe("Lot area in square feet"),
  yearBuilt: external_exports.number().int().nullable().describe("Year built"),
  propertyType: external_exports.string().nullable().describe("Property type as the page shows it"),
  address: normalizedAddressSchema.describe("Address as the page shows it, and normalised"),
  zip: zip5Schema.nullable().describe("ZIP5 of the listing"),
  apn: apnSchema.nullable().describe("APN when the page shows one, canonical"),
  daysOnMarket: countSchema.nullable().describe("Days on market as the page shows it"),
  listedOn: calendarDateSchema.nullable().describe("Listing date"),
  photoCount: countSchema.nullable().describe("Number of photos"),
  description: external_exports.string().nullable().describe("Public remarks: untrusted text, escape before display, quote in prompts"),
  sourceUrl: httpUrlSchema.describe("URL of the listing page"),
  scrapedAt: timestampSchema.describe("When the page was fetched"),
  rawHtmlSha256: sha256Schema.describe("SHA-256 of the page HTML as fetched")
}).meta({ title: "MlsListing" });
function listingRangeProblems(listing, now = /* @__PURE__ */ new Date()) {
  const problems = [];
  const check = (field, value, min, max) => {
    if (value === null) return;
    if (value < min) problems.push(`${field} ${value} is below ${min}`);
    else if (value > max) problems.push(`${field} ${value} is above ${max}`);
  };
  check("listPrice", listing.listPrice, LISTING_RANGES.listPrice.min, LISTING_RANGES.listPrice.max);
  const area = LISTING_RANGES.livingAreaSqft;
  check("livingAreaSqft", listing.livingAreaSqft, area.min, area.max);
  check("bedrooms", listing.bedrooms, LISTING_RANGES.bedrooms.min, LISTING_RANGES.bedrooms.max);
  const baths = LISTING_RANGES.bathrooms;
  check("bathrooms.total", listing.bathrooms.total, baths.min, baths.max);
  check("bathrooms.full", listing.bathrooms.full, baths.min, baths.max);
  check("yearBuilt", listing.yearBuilt, 1900, now.getUTCFullYear() + 1);
  return problems;
}

export {
  normalizedAddressSchema,
  MLS_LISTING_SCHEMA_VERSION,
  LISTING_STATUSES,
  ACTIVE_LISTING_STATUSES,
  mlsListingSchema,
  listingRangeProblems
};
