import { z } from 'zod';
import {
  enrichmentFieldsSchema,
  listingSignalsSchema,
  type EnrichmentFieldName,
} from '../../../shared/model/enrichment.js';

/**
 * The model's reply format, kept lean because on a CPU runner every output token costs about a
 * tenth of a second: only the fields the facts do not give, under short keys, listing signals as
 * a list of the ones that hold (not five booleans), few features, a short summary, and one
 * confidence per property instead of one per field.
 */

/** Reply key of each field. */
export const REPLY_KEYS: Record<EnrichmentFieldName, string> = {
  propertySubtype: 'type',
  bedrooms: 'beds',
  bathrooms: 'baths',
  livingAreaSqft: 'sqft',
  condition: 'cond',
  renovated: 'reno',
  renovationYear: 'renoYear',
  stories: 'stories',
  pool: 'pool',
  garageSpaces: 'garage',
  hoa: 'hoa',
  hoaMonthlyFee: 'hoaFee',
  roof: 'roof',
  cooling: 'cooling',
  solar: 'solar',
  solarLeased: 'solarLeased',
  views: 'views',
  lotFeatures: 'lot',
  features: 'features',
  signals: 'flags',
  summary: 'summary',
};

/** Names of the listing signals, as the reply lists them. */
export const SIGNAL_NAMES = listingSignalsSchema.keyof().options;

/** Where the lean reply differs from the record's field schema. */
const LEAN: Partial<Record<EnrichmentFieldName, z.ZodType>> = {
  features: z
    .array(z.string().min(1).max(40))
    .max(6)
    .describe('Up to 6 notable features the other keys do not cover, a few words each'),
  signals: z
    .array(z.enum(SIGNAL_NAMES))
    .max(SIGNAL_NAMES.length)
    .describe(`Listing signals the text states: ${SIGNAL_NAMES.join(', ')}`),
  summary: z
    .string()
    .min(1)
    .max(200)
    .nullable()
    .describe('One neutral sentence about the property, no selling language'),
};

const replyField = (name: EnrichmentFieldName): z.ZodType =>
  LEAN[name] ?? enrichmentFieldsSchema.shape[name];

/** Builds once per set of asked fields: a night has few sets and many batches. */
function once<T>(build: (asked: readonly EnrichmentFieldName[]) => T) {
  const built = new Map<string, T>();
  return (asked: readonly EnrichmentFieldName[]): T => {
    const key = asked.join(',');
    if (!built.has(key)) built.set(key, build(asked));
    return built.get(key) as T;
  };
}

/** One property of the reply: its id, the asked fields under their short keys, and `c`. */
export const replyItemSchema = once((asked) =>
  z.object({
    id: z.string().describe('The id the property had in the prompt'),
    ...Object.fromEntries(asked.map((name) => [REPLY_KEYS[name], replyField(name)])),
    c: z.number().min(0).max(1).describe('Your confidence in what you filled, 0 to 1'),
  }),
);

/** The JSON Schema sent as Ollama's `format` for a batch asked for `asked`. */
export const replyFormat = once((asked): object =>
  z.toJSONSchema(
    z.object({
      items: z.array(replyItemSchema(asked)).describe('One item per property, with its id'),
    }),
    { io: 'output' },
  ),
);

interface LegendSource {
  description?: string;
  enum?: unknown[];
  items?: { enum?: unknown[] };
  anyOf?: { enum?: unknown[] }[];
}

/** `key: meaning (choices)` lines for the prompt: the model does not see the schema's descriptions. */
export const keyLegend = once((asked): string[] => {
  const item = z.toJSONSchema(replyItemSchema(asked), { io: 'output' }) as {
    properties: Record<string, LegendSource>;
  };
  return Object.entries(item.properties)
    .filter(([key]) => key !== 'id')
    .map(([key, property]) => {
      const choices =
        property.enum ??
        property.items?.enum ??
        property.anyOf?.find((option) => option.enum)?.enum;
      const meaning = property.description ?? '';
      return `${key}: ${meaning}${choices ? ` (${choices.join('|')})` : ''}`;
    });
});
