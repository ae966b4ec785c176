import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);
import {
  COUNTY_PARCEL_SCHEMA_VERSION,
  ENRICHMENT_SCHEMA_VERSION,
  countyParcelSchema,
  enrichmentObjectSchema,
  enrichmentSchema
} from "./chunk-ZVLCXUC7.js";
import {
  USAGE_SCHEMA_VERSION,
  usageSchema
} from "./chunk-2A5BLYRJ.js";
import {
  MLS_LISTING_SCHEMA_VERSION,
  mlsListingSchema,
  normalizedAddressSchema
} from "./chunk-IOBXINTM.js";
import {
  RUN_STATS_SCHEMA_VERSION,
  runStatsSchema
} from "./chunk-5A7CVTSE.js";
import {
  MANIFEST_SCHEMA_VERSION,
  apnSchema,
  manifestSchema,
  propertyKeySchema,
  runIdSchema,
  timestampSchema
} from "./chunk-W4XHDAZ2.js";
import {
  IntegrityError,
  external_exports
} from "./chunk-24OGRAKZ.js";

// shared/model/property.ts
var PROPERTY_SCHEMA_VERSION = 1;
var PROPERTY_SOURCES = ["county", "mls", "llm"];
var sightingSchema = external_exports.object({
  firstSeen: timestampSchema.describe("When this source first gave the property"),
  lastSeen: timestampSchema.describe("When this source last gave the property"),
  lastRunId: runIdSchema.describe("Run that last brought data from this source")
});
var conflictValueSchema = external_exports.union([external_exports.string(), external_exports.number(), external_exports.boolean(), external_exports.null()]);
var conflictSchema = external_exports.object({
  field: external_exports.string().min(1).describe("Fact in dispute, e.g. livingAreaSqft"),
  values: external_exports.partialRecord(external_exports.enum(PROPERTY_SOURCES), conflictValueSchema).describe("Value each source gives"),
  detectedAt: timestampSchema.describe("When the disagreement was first seen")
});
var propertySchema = external_exports.object({
  _id: propertyKeySchema.describe("Key: the canonical APN, or addr:<address key>"),
  schemaVersion: external_exports.literal(PROPERTY_SCHEMA_VERSION).describe("Version of this record shape"),
  apn: apnSchema.nullable().describe("Canonical APN; null until a parcel matches"),
  address: normalizedAddressSchema.nullable().describe("Address: the county situs when known, else the listing address"),
  county: countyParcelSchema.omit({ schemaVersion: true, raw: true, personal: true }).nullable().describe("County facts from the latest county-parcel record"),
  listing: mlsListingSchema.omit({ schemaVersion: true }).nullable().describe("Facts from the latest listing"),
  enrichment: enrichmentObjectSchema.omit({ schemaVersion: true, key: true }).nullable().describe("Latest extracted fields"),
  sources: external_exports.object({
    county: sightingSchema.optional().describe("County API sightings"),
    mls: sightingSchema.optional().describe("Listing site sightings"),
    llm: sightingSchema.optional().describe("Enrichment sightings")
  }).describe("When each source gave this property"),
  conflicts: external_exports.array(conflictSchema).describe("Facts on which sources disagree"),
  updatedAt: timestampSchema.describe("When the record last changed")
}).refine((property) => property.apn === null || property._id === property.apn, {
  message: "a property with an APN is keyed by it",
  path: ["_id"]
}).refine((property) => property.apn !== null || property._id.startsWith("addr:"), {
  message: "a property without an APN is keyed addr:<address key>",
  path: ["_id"]
}).meta({ title: "Property" });

// shared/model/registry.ts
var recordSchemas = {
  "county-parcel": { schema: countyParcelSchema, schemaVersion: COUNTY_PARCEL_SCHEMA_VERSION },
  "mls-listing": { schema: mlsListingSchema, schemaVersion: MLS_LISTING_SCHEMA_VERSION },
  property: { schema: propertySchema, schemaVersion: PROPERTY_SCHEMA_VERSION },
  enrichment: { schema: enrichmentSchema, schemaVersion: ENRICHMENT_SCHEMA_VERSION },
  "run-stats": { schema: runStatsSchema, schemaVersion: RUN_STATS_SCHEMA_VERSION },
  usage: { schema: usageSchema, schemaVersion: USAGE_SCHEMA_VERSION },
  manifest: { schema: manifestSchema, schemaVersion: MANIFEST_SCHEMA_VERSION }
};
var RECORD_TYPES = Object.keys(recordSchemas);

// shared/model/validate.ts
function formatIssues(error) {
  return error.issues.map((issue) => {
    const path = issue.path.map(
      (key, index) => typeof key === "number" ? `[${key}]` : `${index > 0 ? "." : ""}${String(key)}`
    ).join("");
    return path === "" ? issue.message : `${path}: ${issue.message}`;
  }).join("; ");
}
function validateRecord(type, value, where) {
  const result = recordSchemas[type].schema.safeParse(value);
  if (!result.success) {
    throw new IntegrityError(
      `${type} record at ${where} is invalid: ${formatIssues(result.error)}`
    );
  }
  return result.data;
}

export {
  PROPERTY_SCHEMA_VERSION,
  propertySchema,
  formatIssues,
  validateRecord
};
