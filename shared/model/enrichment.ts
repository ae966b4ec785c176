import { z } from 'zod';
import { propertyKeySchema, sha256Schema, timestampSchema } from './common.js';

/** Version of the `enrichment` record; raise it on any change that breaks a reader. */
export const ENRICHMENT_SCHEMA_VERSION = 1;

/** Kinds of residential property an extractor may name. */
export const PROPERTY_SUBTYPES = [
  'single-family',
  'townhouse',
  'condo',
  'mobile-home',
  'multi-family',
  'land',
  'other',
] as const;

/** Overall condition, worst to best. */
export const CONDITIONS = ['poor', 'fair', 'average', 'good', 'excellent'] as const;

/**
 * What an extractor reads out of listing text and county facts. Every key is always present
 * (null when the text does not say), so this object doubles as the LLM's structured-output format.
 */
export const enrichmentFieldsSchema = z.object({
  propertySubtype: z.enum(PROPERTY_SUBTYPES).nullable().describe('Kind of property'),
  condition: z.enum(CONDITIONS).nullable().describe('Overall condition as the text describes it'),
  renovated: z
    .boolean()
    .nullable()
    .describe('Whether the text says the home was renovated or remodelled'),
  renovationYear: z
    .number()
    .int()
    .min(1900)
    .nullable()
    .describe('Year of the renovation, if stated'),
  stories: z.number().int().min(1).max(10).nullable().describe('Number of stories (levels)'),
  hoa: z.boolean().nullable().describe('Whether a homeowners association applies'),
  hoaMonthlyFee: z.number().min(0).nullable().describe('HOA fee per month in dollars'),
  features: z
    .array(z.string().min(1).max(60))
    .max(30)
    .describe('Notable features in a few words each, e.g. "solar panels", "rv gate"'),
});
export type EnrichmentFields = z.output<typeof enrichmentFieldsSchema>;

/** The enrichment record without its cross-field checks (property records embed it). */
export const enrichmentObjectSchema = z.object({
  schemaVersion: z.literal(ENRICHMENT_SCHEMA_VERSION).describe('Version of this record shape'),
  key: propertyKeySchema.describe('Property the fields belong to: APN or addr:<address key>'),
  fields: enrichmentFieldsSchema.describe('Extracted fields'),
  method: z.enum(['llm', 'rules']).describe('llm: a language model; rules: the rules extractor'),
  model: z
    .string()
    .min(1)
    .nullable()
    .describe('Model name and tag for llm (llama3.2:latest); null for rules'),
  confidence: z.number().min(0).max(1).describe('Extractor confidence, 0 to 1'),
  extractedAt: timestampSchema.describe('When the fields were extracted'),
  inputSha256: sha256Schema.describe(
    'SHA-256 of the extractor input; same input, same output (cache key)',
  ),
});

/** Fields extracted for one property by the LLM or by rules. */
export const enrichmentSchema = enrichmentObjectSchema
  .refine((record) => (record.method === 'llm') === (record.model !== null), {
    message: 'model is required for method llm and must be null for rules',
    path: ['model'],
  })
  .meta({ title: 'Enrichment' });

/** One enrichment record. */
export type Enrichment = z.output<typeof enrichmentSchema>;
