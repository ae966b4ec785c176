import { z } from 'zod';
import {
  actionNameSchema,
  countSchema,
  runIdSchema,
  shardSchema,
  timestampSchema,
} from './common.js';

/** Version of the `run-stats` record; raise it on any change that breaks a reader. */
export const RUN_STATS_SCHEMA_VERSION = 1;

/** Classes of failure that run-stats count and incidents fingerprint. */
export const ERROR_CLASSES = [
  'network',
  'rate-limited',
  'server',
  'auth',
  'client',
  'parse',
  'other',
] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

/** How a job ended: partial means some records failed but the job produced output. */
export const RUN_OUTCOMES = ['success', 'partial', 'failure', 'skipped'] as const;

const errorsByClassSchema = z.object(
  Object.fromEntries(
    ERROR_CLASSES.map((name) => [name, countSchema.describe(`Errors of class ${name}`)]),
  ) as Record<ErrorClass, typeof countSchema>,
);

/** What one action did on one shard in one run. */
export const runStatsSchema = z
  .object({
    schemaVersion: z.literal(RUN_STATS_SCHEMA_VERSION).describe('Version of this record shape'),
    runId: runIdSchema.describe('Workflow run id'),
    action: actionNameSchema.describe('Action that ran'),
    shard: shardSchema.describe('Shard worked on: a ZIP, or all'),
    startedAt: timestampSchema.describe('When the action started'),
    finishedAt: timestampSchema.describe('When the action finished'),
    durationMs: countSchema.describe('Wall-clock duration in milliseconds'),
    counts: z
      .record(z.string(), countSchema)
      .describe('Named counts, e.g. {"parcels-fetched": 812, "parcels-skipped": 3}'),
    errorsByClass: errorsByClassSchema.describe('Errors that ended an operation, by class'),
    retries: countSchema.describe('Attempts repeated after a retryable error'),
    outcome: z.enum(RUN_OUTCOMES).describe('How the action ended'),
  })
  .refine((stats) => Date.parse(stats.finishedAt) >= Date.parse(stats.startedAt), {
    message: 'finishedAt is before startedAt',
    path: ['finishedAt'],
  })
  .meta({ title: 'RunStats' });

/** One run-stats record. */
export type RunStats = z.output<typeof runStatsSchema>;
