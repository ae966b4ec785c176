/** The data contract: one zod schema per record type, its TypeScript type and schema version. */
export * from './address.js';
export * from './common.js';
export * from './county-parcel.js';
export * from './county-parcel-parts.js';
export * from './county-parcel-parser.js';
export * from './enrichment.js';
export * from './enrichment-evidence.js';
export * from './json-schema.js';
export * from './manifest.js';
export * from './mls-listing.js';
export * from './property.js';
export * from './registry.js';
export * from './run-stats.js';
export * from './usage.js';
export * from './validate.js';
