import type { EnrichmentFieldName, EnrichmentFields } from './enrichment.js';

/**
 * Which enrichment fields a listing's text could have given: a cue per field, the topic as
 * listings word it ("3 bed", "no HOA", "remodeled in 2019", "RV gate", "mountain views"). A cue
 * says the text speaks of the field, not what the value is, so an extractor that left such a
 * field empty missed something, and one that left out a field the text never mentions did not.
 * `signals` has no cue: it is always an object of booleans, false unless the text says so.
 */
export const FIELD_CUES: Readonly<Record<Exclude<EnrichmentFieldName, 'signals'>, RegExp>> = {
  propertySubtype:
    /\b(single[- ]family|town ?(home|house)|condo(minium)?|(mobile|manufactured) home|duplex|triplex|fourplex|multi[- ]?family|vacant land)\b/i,
  bedrooms: /\b\d{1,2}\s*(bed(room)?s?|br)\b/i,
  bathrooms: /\b\d{1,2}(\.\d{1,2})?\s*(bath(room)?s?|ba)\b/i,
  livingAreaSqft: /\b\d[\d,]{2,5}\s*(sq\.?\s*ft|sqft|square feet)/i,
  condition:
    /\b(move[- ]in ready|turn[- ]?key|well[- ](maintained|kept)|immaculate|pristine|like new|needs (some |a lot of )?(work|tlc|repairs|updating)|fixer|tear ?down)\b/i,
  renovated: /\b(renovated|remodell?ed|updated)\b/i,
  renovationYear: /\b(renovated|remodell?ed|updated)\s+(in\s+)?(19|20)\d{2}\b/i,
  stories: /\b(single|one|two|three|[1-3])[- ](story|level)\b/i,
  pool: /(?<!community )\bpool\b/i,
  garageSpaces: /\b(\d|one|two|three|four)[- ]car garage\b/i,
  hoa: /\bhoa\b|\bhome ?owners'? association\b/i,
  hoaMonthlyFee: /\bhoa\s*(fee\s*)?(is\s*)?\$\s*\d/i,
  roof: /\b(tile|shingle|foam|metal|built[- ]up) roof\b/i,
  cooling:
    /\b(central (air|a\/?c)|heat pump|evaporative cooler|swamp cooler|mini[- ]split|air conditioning)\b/i,
  solar: /\bsolar\b/i,
  solarLeased: /\b(leased|owned|paid[- ]off) solar\b|\bsolar (panels )?(are )?(leased|owned)\b/i,
  views:
    /\b(mountain|city[- ]lights?|golf course|park|lake|water)\s+views?\b|\bviews? of (the )?(mountains?|city|park|golf course|lake)\b/i,
  lotFeatures:
    /\b(corner lot|cul[- ]de[- ]sac|rv (gate|parking)|large lot|alley access|desert landscaping|mature trees|north[- ]south exposure|block fence|fenced)\b/i,
  features:
    /\b(covered patio|tile floors?|ceiling fans?|fireplace|granite|kitchen island|casita|walk[- ]in closets?|vaulted ceilings?)\b/i,
  summary: /\w/,
};

/** The fields `text` speaks of, in schema order of FIELD_CUES. */
export function fieldsTheTextStates(text: string): Array<keyof typeof FIELD_CUES> {
  return (Object.keys(FIELD_CUES) as Array<keyof typeof FIELD_CUES>).filter((name) =>
    FIELD_CUES[name].test(text),
  );
}

const filled = (value: unknown): boolean =>
  value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0);

/** Fields the texts speak of, and how many of them the extractions filled. */
export interface StatedFieldCount {
  stated: number;
  filled: number;
}

/**
 * Counts, over extractions and the listing text each was made from, the fields the text speaks
 * of and those of them the extraction filled (false and 0 count as filled; null and `[]` not).
 * Fields the text never mentions are not counted either way.
 */
export function countStatedFields(
  extractions: Iterable<{ fields: EnrichmentFields; text: string }>,
): StatedFieldCount {
  const count: StatedFieldCount = { stated: 0, filled: 0 };
  for (const { fields, text } of extractions) {
    for (const name of fieldsTheTextStates(text)) {
      count.stated += 1;
      if (filled(fields[name])) count.filled += 1;
    }
  }
  return count;
}
