import { z } from 'zod';
import { actionNameSchema, runIdSchema, shardSchema, timestampSchema } from './common.js';

/** Version of the `usage` record; raise it on any change that breaks a reader. */
export const USAGE_SCHEMA_VERSION = 1;

/** Metered services that `check-budget` prices. */
export const USAGE_SERVICES = [
  'github-actions',
  'proxy',
  'captcha',
  'llm',
  'county-api',
  'email',
  'database',
] as const;

/** Units consumption is metered in. */
export const USAGE_UNITS = ['minute', 'request', 'gb', 'solve', 'token', 'message'] as const;

/** Consumption of one metered service by one action on one shard. */
export const usageSchema = z
  .object({
    schemaVersion: z.literal(USAGE_SCHEMA_VERSION).describe('Version of this record shape'),
    runId: runIdSchema.describe('Workflow run id'),
    action: actionNameSchema.describe('Action that consumed it'),
    shard: shardSchema.describe('Shard: a ZIP, or all'),
    service: z.enum(USAGE_SERVICES).describe('Service consumed'),
    unit: z.enum(USAGE_UNITS).describe('Unit of quantity'),
    quantity: z.number().nonnegative().describe('Amount consumed, in unit'),
    mode: z
      .enum(['browser', 'http'])
      .optional()
      .describe('How the pages behind it were loaded (scrape-mls): in Chromium or over plain HTTP'),
    recordedAt: timestampSchema.describe('When the consumption was recorded'),
  })
  .meta({ title: 'Usage' });

/** One usage record. */
export type Usage = z.output<typeof usageSchema>;
