import { z } from 'zod';

/** Fragments every record schema shares: identifiers, timestamps, hashes, counts. */

/** The seven actions of the pipeline; run-stats, usage and manifests name the one that wrote them. */
export const ACTION_NAMES = [
  'collect-county',
  'scrape-mls',
  'enrich-llm',
  'store-mongo',
  'check-budget',
  'open-incident-issue',
  'send-report',
  'maintain-db',
] as const;

/** Name of an action that writes run-stats (the pipeline's seven and maintain-db). */
export const actionNameSchema = z.enum(ACTION_NAMES);
export type ActionName = z.output<typeof actionNameSchema>;

/** A point in time, ISO 8601 with `Z` or an offset (`2025-01-31T10:00:00.000Z`). */
export const timestampSchema = z.iso.datetime({ offset: true });

/** A calendar date, ISO 8601 (`2025-01-31`). */
export const calendarDateSchema = z.iso.date();

/** A lower-case hex SHA-256 digest. */
export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lower-case hex SHA-256');

/** A whole number >= 0. */
export const countSchema = z.number().int().nonnegative();

/** An absolute http(s) URL. */
export const httpUrlSchema = z.url({ protocol: /^https?$/ });

/** A five-digit US ZIP code. */
export const zip5Schema = z.string().regex(/^\d{5}$/, 'expected a 5-digit ZIP');

/** A Maricopa County APN in canonical form: book-map-parcel plus an optional letter. */
export const apnSchema = z
  .string()
  .regex(/^\d{3}-\d{2}-\d{3}[A-Z]?$/, 'expected a canonical APN such as 102-29-045A');

/** The key of a property: its canonical APN, or `addr:<address key>` for an unmatched listing. */
export const propertyKeySchema = z
  .string()
  .regex(
    /^(\d{3}-\d{2}-\d{3}[A-Z]?|addr:\S.*)$/,
    'expected a canonical APN (102-29-045A) or addr:<normalised address>',
  );

/** The id of the workflow run that produced a record (`GITHUB_RUN_ID`, or the local runner's). */
export const runIdSchema = z.string().min(1);

/** The shard a job worked on: a ZIP for sharded stages, `all` otherwise. */
export const shardSchema = z.string().min(1);

/** Record types that travel as NDJSON data files (the manifest describes them). */
export const DATA_RECORD_TYPES = [
  'county-parcel',
  'mls-listing',
  'property',
  'enrichment',
  'run-stats',
  'usage',
] as const;

/** Name of a data record type. */
export const dataRecordTypeSchema = z.enum(DATA_RECORD_TYPES);
export type DataRecordType = z.output<typeof dataRecordTypeSchema>;
