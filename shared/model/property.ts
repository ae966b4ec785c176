import { z } from 'zod';
import { normalizedAddressSchema } from './address.js';
import { apnSchema, propertyKeySchema, runIdSchema, timestampSchema } from './common.js';
import { countyParcelSchema } from './county-parcel.js';
import { enrichmentObjectSchema } from './enrichment.js';
import { mlsListingSchema } from './mls-listing.js';

/** Version of the `property` record; raise it on any change that breaks a reader. */
export const PROPERTY_SCHEMA_VERSION = 1;

/** Sources a property's facts come from. */
export const PROPERTY_SOURCES = ['county', 'mls', 'llm'] as const;

const sightingSchema = z.object({
  firstSeen: timestampSchema.describe('When this source first gave the property'),
  lastSeen: timestampSchema.describe('When this source last gave the property'),
  lastRunId: runIdSchema.describe('Run that last brought data from this source'),
});

const conflictValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** Two sources disagreeing on one fact, kept for review rather than silently resolved. */
export const conflictSchema = z.object({
  field: z.string().min(1).describe('Fact in dispute, e.g. livingAreaSqft'),
  values: z
    .partialRecord(z.enum(PROPERTY_SOURCES), conflictValueSchema)
    .describe('Value each source gives'),
  detectedAt: timestampSchema.describe('When the disagreement was first seen'),
});
export type Conflict = z.output<typeof conflictSchema>;

/**
 * The canonical merged record, one per property: keyed by the canonical APN, or by
 * `addr:<address key>` for a listing no parcel matches yet (re-keyed when the parcel appears).
 */
export const propertySchema = z
  .object({
    _id: propertyKeySchema.describe('Key: the canonical APN, or addr:<address key>'),
    schemaVersion: z.literal(PROPERTY_SCHEMA_VERSION).describe('Version of this record shape'),
    apn: apnSchema.nullable().describe('Canonical APN; null until a parcel matches'),
    address: normalizedAddressSchema
      .nullable()
      .describe('Address: the county situs when known, else the listing address'),
    county: countyParcelSchema
      .omit({ schemaVersion: true, raw: true, personal: true })
      .nullable()
      .describe('County facts from the latest county-parcel record'),
    listing: mlsListingSchema
      .omit({ schemaVersion: true })
      .nullable()
      .describe('Facts from the latest listing'),
    enrichment: enrichmentObjectSchema
      .omit({ schemaVersion: true, key: true })
      .nullable()
      .describe('Latest extracted fields'),
    sources: z
      .object({
        county: sightingSchema.optional().describe('County API sightings'),
        mls: sightingSchema.optional().describe('Listing site sightings'),
        llm: sightingSchema.optional().describe('Enrichment sightings'),
      })
      .describe('When each source gave this property'),
    conflicts: z.array(conflictSchema).describe('Facts on which sources disagree'),
    updatedAt: timestampSchema.describe('When the record last changed'),
  })
  .refine((property) => property.apn === null || property._id === property.apn, {
    message: 'a property with an APN is keyed by it',
    path: ['_id'],
  })
  .refine((property) => property.apn !== null || property._id.startsWith('addr:'), {
    message: 'a property without an APN is keyed addr:<address key>',
    path: ['_id'],
  })
  .meta({ title: 'Property' });

/** One merged property. */
export type Property = z.output<typeof propertySchema>;
