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

/** Roof coverings seen on Phoenix homes. */
export const ROOF_TYPES = ['tile', 'shingle', 'foam', 'built-up', 'metal', 'other'] as const;

/** How a home is cooled. */
export const COOLING_TYPES = [
  'central-ac',
  'heat-pump',
  'evaporative',
  'mini-split',
  'none',
  'other',
] as const;

/** Views a listing may name. */
export const VIEWS = ['mountain', 'city-lights', 'golf-course', 'park', 'water', 'other'] as const;

/** Features of the lot a listing may name. */
export const LOT_FEATURES = [
  'corner-lot',
  'cul-de-sac',
  'rv-gate',
  'rv-parking',
  'large-lot',
  'alley-access',
  'desert-landscaping',
  'grass',
  'mature-trees',
  'north-south-exposure',
  'fenced',
] as const;

/**
 * Plausible values from the operations guide; a value outside is rejected, never clamped.
 * `renovationYear` also may not pass next year, which `enrichmentRangeProblems` checks.
 */
export const ENRICHMENT_RANGES = {
  bedrooms: { min: 0, max: 20 },
  bathrooms: { min: 0, max: 20 },
  livingAreaSqft: { min: 400, max: 20_000 },
  garageSpaces: { min: 0, max: 20 },
  hoaMonthlyFee: { min: 0, max: 5_000 },
  renovationYear: { min: 1900 },
} as const;

const R = ENRICHMENT_RANGES;
const yesNo = (description: string) => z.boolean().nullable().describe(description);

/** Listing signals: each false unless the text says so. */
export const listingSignalsSchema = z.object({
  priceReduced: z.boolean().describe('The text says the price was reduced or dropped'),
  cashOnly: z.boolean().describe('Cash offers only'),
  asIs: z.boolean().describe('Sold as-is, no repairs'),
  investorSpecial: z.boolean().describe('Fixer-upper, investor special, handyman special'),
  seniorCommunity: z.boolean().describe('Age-restricted (55+) community'),
});

/**
 * What an extractor reads out of listing text and county facts. Every key is always present
 * (null when the text does not say), so this object doubles as the LLM's structured-output format.
 */
export const enrichmentFieldsSchema = z.object({
  propertySubtype: z.enum(PROPERTY_SUBTYPES).nullable().describe('Kind of property'),
  bedrooms: z
    .number()
    .int()
    .min(R.bedrooms.min)
    .max(R.bedrooms.max)
    .nullable()
    .describe('Bedrooms'),
  bathrooms: z
    .number()
    .min(R.bathrooms.min)
    .max(R.bathrooms.max)
    .multipleOf(0.25)
    .nullable()
    .describe('Bathrooms as a decimal, e.g. 2.5'),
  livingAreaSqft: z
    .number()
    .int()
    .min(R.livingAreaSqft.min)
    .max(R.livingAreaSqft.max)
    .nullable()
    .describe('Living area in square feet'),
  condition: z.enum(CONDITIONS).nullable().describe('Overall condition as the text describes it'),
  renovated: yesNo('Whether the text says the home was renovated, remodelled or updated'),
  renovationYear: z
    .number()
    .int()
    .min(R.renovationYear.min)
    .nullable()
    .describe('Year of the renovation or update, if stated'),
  stories: z.number().int().min(1).max(10).nullable().describe('Number of stories (levels)'),
  pool: yesNo('Whether there is a private pool'),
  garageSpaces: z
    .number()
    .int()
    .min(R.garageSpaces.min)
    .max(R.garageSpaces.max)
    .nullable()
    .describe('Garage spaces (a 2-car garage is 2)'),
  hoa: yesNo('Whether a homeowners association applies'),
  hoaMonthlyFee: z
    .number()
    .min(R.hoaMonthlyFee.min)
    .max(R.hoaMonthlyFee.max)
    .nullable()
    .describe('HOA fee per month in dollars'),
  roof: z.enum(ROOF_TYPES).nullable().describe('Roof covering'),
  cooling: z.enum(COOLING_TYPES).nullable().describe('How the home is cooled'),
  solar: yesNo('Whether the home has solar panels'),
  solarLeased: yesNo('Whether the solar panels are leased (null when not said or no solar)'),
  views: z.array(z.enum(VIEWS)).max(VIEWS.length).describe('Views the text names'),
  lotFeatures: z.array(z.enum(LOT_FEATURES)).max(LOT_FEATURES.length).describe('Lot features'),
  features: z
    .array(z.string().min(1).max(60))
    .max(30)
    .describe('Notable features in a few words each, e.g. "solar panels", "rv gate"'),
  signals: listingSignalsSchema.describe('Listing signals'),
  summary: z
    .string()
    .min(1)
    .max(300)
    .nullable()
    .describe('One or two neutral sentences about the property, no selling language'),
});
export type EnrichmentFields = z.output<typeof enrichmentFieldsSchema>;

/** Names of the extracted fields, in schema order. */
export const ENRICHMENT_FIELD_NAMES = enrichmentFieldsSchema.keyof().options;
/** Name of one extracted field. */
export type EnrichmentFieldName = (typeof ENRICHMENT_FIELD_NAMES)[number];

const fieldConfidence = z.number().min(0).max(1);

/** Confidence per extracted field, 0 to 1; a field left out was not judged. */
export const fieldConfidenceSchema = z.object(
  Object.fromEntries(
    ENRICHMENT_FIELD_NAMES.map((name) => [
      name,
      fieldConfidence.optional().describe(`Confidence in ${name}`),
    ]),
  ) as Record<EnrichmentFieldName, z.ZodOptional<typeof fieldConfidence>>,
);
export type FieldConfidence = z.output<typeof fieldConfidenceSchema>;

/**
 * Values outside the operations guide's ranges that the schema cannot state because they move
 * with the calendar: a renovation year after next year. Empty when all are plausible.
 */
export function enrichmentRangeProblems(fields: EnrichmentFields, now = new Date()): string[] {
  const nextYear = now.getUTCFullYear() + 1;
  return fields.renovationYear !== null && fields.renovationYear > nextYear
    ? [`renovationYear ${fields.renovationYear} is above ${nextYear}`]
    : [];
}

/** The enrichment record without its cross-field checks (property records embed it). */
export const enrichmentObjectSchema = z.object({
  schemaVersion: z.literal(ENRICHMENT_SCHEMA_VERSION).describe('Version of this record shape'),
  key: propertyKeySchema.describe('Property the fields belong to: APN or addr:<address key>'),
  fields: enrichmentFieldsSchema.describe('Extracted fields'),
  fieldConfidence: fieldConfidenceSchema.describe('Confidence per extracted field, 0 to 1'),
  method: z.enum(['llm', 'rules']).describe('llm: a language model; rules: the rules extractor'),
  model: z
    .string()
    .min(1)
    .nullable()
    .describe('Model name and tag for llm (llama3.2:latest); null for rules'),
  confidence: z.number().min(0).max(1).describe('Extractor confidence, 0 to 1'),
  extractedAt: timestampSchema.describe('When the fields were extracted'),
  inputSha256: sha256Schema.describe(
    'SHA-256 of the extractor input with the model and prompt version; same input, same output (cache key)',
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
