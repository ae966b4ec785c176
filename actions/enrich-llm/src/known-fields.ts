import {
  ENRICHMENT_FIELD_NAMES,
  ENRICHMENT_RANGES,
  type EnrichmentFieldName,
  type EnrichmentFields,
} from '../../../shared/model/enrichment.js';
import { COOLING, ROOFS, SUBTYPES } from './rules-patterns.js';
import type { SubjectInput } from './subjects.js';

/** Confidence in a field the listing or the county states outright. */
export const FACT_CONFIDENCE = 0.9;

/** Fields the structured listing and parcel data state for one property, by field name. */
export type KnownFields = Partial<EnrichmentFields>;

type Table<T> = ReadonlyArray<readonly [RegExp, T]>;
const first = <T>(table: Table<T>, text: unknown): T | undefined =>
  typeof text === 'string' ? table.find(([pattern]) => pattern.test(text))?.[1] : undefined;

function inRange(value: unknown, range: { min: number; max?: number }, step = 1) {
  return typeof value === 'number' &&
    value >= range.min &&
    value <= (range.max ?? Infinity) &&
    Number.isInteger(value / step)
    ? value
    : undefined;
}

/**
 * What the listing and county facts already say, so that the model is not asked (and does not
 * spend output tokens) for it: bedrooms, bathrooms and living area from the listing (county for
 * the area), the kind of property, and pool, garage, roof and cooling from the county record.
 */
export function knownFields(input: SubjectInput): KnownFields {
  const { facts } = input;
  const R = ENRICHMENT_RANGES;
  const known: Record<string, unknown> = {
    propertySubtype: first(SUBTYPES, facts.listingPropertyType) ?? first(SUBTYPES, facts.countyUse),
    bedrooms: inRange(facts.bedrooms, R.bedrooms),
    bathrooms: inRange(facts.bathrooms, R.bathrooms, 0.25),
    livingAreaSqft: inRange(facts.livingAreaSqft, R.livingAreaSqft),
    pool: typeof facts.countyPool === 'boolean' ? facts.countyPool : undefined,
    garageSpaces: inRange(facts.countyGarageSpaces, R.garageSpaces),
    roof: first(ROOFS, facts.countyRoof),
    cooling: first(COOLING, facts.countyCooling),
  };
  return Object.fromEntries(Object.entries(known).filter(([, value]) => value !== undefined));
}

/** The fields the model must be asked for some property of `known`: those any of them lacks. */
export function fieldsToAsk(known: readonly KnownFields[]): EnrichmentFieldName[] {
  return ENRICHMENT_FIELD_NAMES.filter((name) => known.some((fields) => !(name in fields)));
}
