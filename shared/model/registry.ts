import type { z } from 'zod';
import type { DataRecordType } from './common.js';
import { COUNTY_PARCEL_SCHEMA_VERSION, countyParcelSchema } from './county-parcel.js';
import { ENRICHMENT_SCHEMA_VERSION, enrichmentSchema } from './enrichment.js';
import { MANIFEST_SCHEMA_VERSION, manifestSchema } from './manifest.js';
import { MLS_LISTING_SCHEMA_VERSION, mlsListingSchema } from './mls-listing.js';
import { PROPERTY_SCHEMA_VERSION, propertySchema } from './property.js';
import { RUN_STATS_SCHEMA_VERSION, runStatsSchema } from './run-stats.js';
import { USAGE_SCHEMA_VERSION, usageSchema } from './usage.js';

/** Every record type by name: its schema and current schema version. */
export const recordSchemas = {
  'county-parcel': { schema: countyParcelSchema, schemaVersion: COUNTY_PARCEL_SCHEMA_VERSION },
  'mls-listing': { schema: mlsListingSchema, schemaVersion: MLS_LISTING_SCHEMA_VERSION },
  property: { schema: propertySchema, schemaVersion: PROPERTY_SCHEMA_VERSION },
  enrichment: { schema: enrichmentSchema, schemaVersion: ENRICHMENT_SCHEMA_VERSION },
  'run-stats': { schema: runStatsSchema, schemaVersion: RUN_STATS_SCHEMA_VERSION },
  usage: { schema: usageSchema, schemaVersion: USAGE_SCHEMA_VERSION },
  manifest: { schema: manifestSchema, schemaVersion: MANIFEST_SCHEMA_VERSION },
} as const satisfies Record<
  DataRecordType | 'manifest',
  { schema: z.ZodType; schemaVersion: number }
>;

/** Name of a record type: a data record type or `manifest`. */
export type RecordType = keyof typeof recordSchemas;

/** The TypeScript type of a record of `T`. */
export type RecordOf<T extends RecordType> = z.output<(typeof recordSchemas)[T]['schema']>;

/** Every record type name, in registry order. */
export const RECORD_TYPES = Object.keys(recordSchemas) as RecordType[];
