import type { EnrichmentFields, PROPERTY_SUBTYPES } from '../../../shared/model/enrichment.js';

const KIND_WORDS: Record<(typeof PROPERTY_SUBTYPES)[number], string> = {
  'single-family': 'single-family home',
  townhouse: 'townhouse',
  condo: 'condo',
  'mobile-home': 'mobile home',
  'multi-family': 'multi-family property',
  land: 'lot',
  other: 'property',
};

/**
 * A neutral one-sentence summary built from extracted fields, e.g. `3 bed, 2 bath single-family
 * home with a pool and a 2-car garage.` Null when too little is known to say anything.
 */
export function summarize(fields: EnrichmentFields): string | null {
  const size = [
    fields.bedrooms !== null ? `${fields.bedrooms} bed` : null,
    fields.bathrooms !== null ? `${fields.bathrooms} bath` : null,
  ].filter(Boolean);
  const kind = fields.propertySubtype === null ? 'home' : KIND_WORDS[fields.propertySubtype];
  const extras = [
    fields.pool ? 'a pool' : null,
    fields.garageSpaces ? `a ${fields.garageSpaces}-car garage` : null,
    fields.solar ? 'solar' : null,
    fields.renovationYear !== null ? `updates from ${fields.renovationYear}` : null,
  ].filter(Boolean);
  if (size.length === 0 && fields.propertySubtype === null && extras.length === 0) return null;
  const head =
    size.length > 0 ? `${size.join(', ')} ${kind}` : kind[0]?.toUpperCase() + kind.slice(1);
  const tail =
    extras.length > 0
      ? ` with ${extras.slice(0, -1).join(', ')}${extras.length > 1 ? ' and ' : ''}${extras.at(-1)}`
      : '';
  return `${head}${tail}.`;
}
