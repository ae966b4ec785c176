import {
  ENRICHMENT_RANGES,
  type EnrichmentFieldName,
  type EnrichmentFields,
  type FieldConfidence,
} from '../../../shared/model/enrichment.js';
import type { Extraction } from './reply.js';
import {
  COOLING,
  FEATURE_WORDS,
  LOT_WORDS,
  ROOFS,
  SIGNAL_WORDS,
  SUBTYPES,
  VIEW_WORDS,
} from './rules-patterns.js';
import {
  bathrooms,
  condition,
  count,
  garageSpaces,
  hoa,
  pool,
  renovation,
  solar,
  stories,
} from './rules-readers.js';
import { summarize } from './rules-summary.js';
import type { SubjectInput } from './subjects.js';

/**
 * The most characters of a description the rules read (as many as scrape-mls keeps); every
 * pattern is linear in its input, and this bounds the input too.
 */
export const MAX_RULES_TEXT_CHARS = 10_000;

/** Confidence of the rules extractor by where a value came from. */
const FROM_FACTS = 0.9;
const FROM_TEXT = 0.7;

type Table<T> = ReadonlyArray<readonly [RegExp, T]>;
const first = <T>(table: Table<T>, text: string): T | null =>
  table.find(([pattern]) => pattern.test(text))?.[1] ?? null;
const all = <T>(table: Table<T>, text: string): T[] => [
  ...new Set(table.filter(([pattern]) => pattern.test(text)).map(([, value]) => value)),
];

function inRange(value: number | null, range: { min: number; max?: number }): number | null {
  return value !== null && value >= range.min && value <= (range.max ?? Infinity) ? value : null;
}

const fact = (input: SubjectInput, name: string): string | number | boolean | undefined =>
  input.facts[name];
const factNumber = (input: SubjectInput, name: string): number | null => {
  const value = fact(input, name);
  return typeof value === 'number' ? value : null;
};
const factText = (input: SubjectInput, name: string): string => {
  const value = fact(input, name);
  return typeof value === 'string' ? value : '';
};

/**
 * The rules extractor: deterministic phrase and pattern matching over the description, with the
 * listing's and county's facts where the text is silent. Same schema as the model's answer; used
 * as the fallback and as the benchmark's baseline. Out-of-range values are dropped, not clamped.
 */
export function extractByRules(input: SubjectInput, now = new Date()): Extraction {
  // The description is the listing site's text: only its first MAX_RULES_TEXT_CHARS are read.
  const text = input.description.slice(0, MAX_RULES_TEXT_CHARS);
  const confidence: FieldConfidence = {};
  const pick = <T>(
    name: EnrichmentFieldName,
    fromFacts: T | null,
    fromText: T | null,
  ): T | null => {
    const value = fromFacts ?? fromText;
    if (value !== null) confidence[name] = fromFacts !== null ? FROM_FACTS : FROM_TEXT;
    return value;
  };
  const R = ENRICHMENT_RANGES;
  const renovated = renovation(text, now.getUTCFullYear() + 1);
  const hoaFacts = hoa(text);
  const solarFacts = solar(text);
  const countyPool = fact(input, 'countyPool');
  const fields: EnrichmentFields = {
    propertySubtype: pick(
      'propertySubtype',
      first(SUBTYPES, factText(input, 'listingPropertyType')),
      first(SUBTYPES, `${text} ${factText(input, 'countyUse')}`),
    ),
    bedrooms: pick(
      'bedrooms',
      inRange(factNumber(input, 'bedrooms'), R.bedrooms),
      inRange(count(text, 'bed'), R.bedrooms),
    ),
    bathrooms: pick(
      'bathrooms',
      inRange(factNumber(input, 'bathrooms'), R.bathrooms),
      inRange(bathrooms(text), R.bathrooms),
    ),
    livingAreaSqft: pick(
      'livingAreaSqft',
      inRange(factNumber(input, 'livingAreaSqft'), R.livingAreaSqft),
      inRange(count(text, 'sqft'), R.livingAreaSqft),
    ),
    condition: pick('condition', null, condition(text)),
    renovated: pick('renovated', null, renovated.renovated),
    renovationYear: pick('renovationYear', null, renovated.year),
    stories: pick('stories', null, stories(text)),
    pool: pick('pool', null, pool(text) ?? (typeof countyPool === 'boolean' ? countyPool : null)),
    garageSpaces: pick(
      'garageSpaces',
      null,
      inRange(garageSpaces(text) ?? factNumber(input, 'countyGarageSpaces'), R.garageSpaces),
    ),
    hoa: pick('hoa', null, hoaFacts.hoa),
    hoaMonthlyFee: pick('hoaMonthlyFee', null, inRange(hoaFacts.monthlyFee, R.hoaMonthlyFee)),
    roof: pick('roof', null, first(ROOFS, text) ?? first(ROOFS, factText(input, 'countyRoof'))),
    cooling: pick(
      'cooling',
      null,
      first(COOLING, text) ?? first(COOLING, factText(input, 'countyCooling')),
    ),
    solar: pick('solar', null, solarFacts.solar),
    solarLeased: pick('solarLeased', null, solarFacts.leased),
    views: all(VIEW_WORDS, text),
    lotFeatures: all(LOT_WORDS, text),
    features: all(FEATURE_WORDS, text),
    signals: {
      priceReduced: SIGNAL_WORDS.priceReduced.test(text),
      cashOnly: SIGNAL_WORDS.cashOnly.test(text),
      asIs: SIGNAL_WORDS.asIs.test(text),
      investorSpecial: SIGNAL_WORDS.investorSpecial.test(text),
      seniorCommunity: SIGNAL_WORDS.seniorCommunity.test(text),
    },
    summary: null,
  };
  fields.summary = summarize(fields);
  if (fields.summary !== null) confidence.summary = 0.5;
  const values = Object.values(confidence);
  const overall = values.length
    ? values.reduce((sum, value) => sum + value, 0) / values.length
    : 0.3;
  return { fields, fieldConfidence: confidence, confidence: Math.round(overall * 1000) / 1000 };
}
