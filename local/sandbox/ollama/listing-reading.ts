import {
  allOf,
  CONDITION_PHRASES,
  FEATURE_PHRASES,
  firstOf,
  LOT_PHRASES,
  SOLAR_LEASE_PHRASES,
  STORY_PHRASES,
  SUBTYPE_PHRASES,
  VIEW_PHRASES,
} from './listing-phrases.js';

/**
 * How the sandbox "reads" a listing: plain phrases (listing-phrases.ts), so that tests can
 * predict its answer from the text they wrote, and every field a sandbox listing's remarks state
 * comes back filled. It is deliberately simpler than the action's rules extractor
 * (it stands in for a model, it is not under test). Keys are the names a reply format may use:
 * enrich-llm's record fields, and the short keys of its lean reply.
 */

/** Values the sandbox is confident about, by field name; confidence 0.9 for each. */
export type ListingHints = Record<string, unknown>;

const number = (text: string, pattern: RegExp): number | undefined => {
  const match = pattern.exec(text);
  return match?.[1] === undefined ? undefined : Number(match[1].replace(/,/g, ''));
};

function firstSentence(text: string): string | undefined {
  const sentence = /[^.!?]+[.!?]?/.exec(text.trim())?.[0]?.trim();
  return sentence ? sentence.slice(0, 200) : undefined;
}

/** Reads what it can out of `text`; absent keys mean the sandbox found nothing. */
export function readListing(text: string, description: string): ListingHints {
  const hints: ListingHints = {};
  const set = (key: string, value: unknown): void => {
    if (value !== undefined) hints[key] = value;
  };
  set('propertySubtype', firstOf(SUBTYPE_PHRASES, text));
  set('bedrooms', number(text, /(\d+)\s*(?:bedrooms?|beds?|br)\b/i));
  set('bathrooms', number(text, /(\d+(?:\.\d+)?)\s*(?:bathrooms?|baths?|ba)\b/i));
  set('livingAreaSqft', number(text, /([\d,]{3,6})\s*(?:sq\.?\s*ft|square feet)/i));
  set('garageSpaces', number(text, /(\d+)[- ]car garage/i));
  if (/\bno pool\b/i.test(text)) set('pool', false);
  else if (/\bpool\b/i.test(text)) set('pool', true);
  if (/\bno hoa\b/i.test(text)) set('hoa', false);
  else {
    const fee = number(text, /hoa\s*(?:fee\s*)?(?:is\s*)?\$\s*(\d+(?:\.\d+)?)/i);
    if (fee !== undefined || /\bhoa\b/i.test(text)) set('hoa', true);
    set('hoaMonthlyFee', fee);
  }
  set('condition', firstOf(CONDITION_PHRASES, text));
  set('stories', firstOf(STORY_PHRASES, text));
  const year = number(text, /(?:updated|renovated|remodell?ed)\s+(?:in\s+)?(\d{4})/i);
  if (year !== undefined || /\b(updated|renovated|remodell?ed)\b/i.test(text))
    set('renovated', true);
  set('renovationYear', year);
  if (/\bsolar\b/i.test(text)) {
    set('solar', true);
    set('solarLeased', firstOf(SOLAR_LEASE_PHRASES, text));
  }
  const lists = { views: VIEW_PHRASES, lotFeatures: LOT_PHRASES, features: FEATURE_PHRASES };
  for (const [key, table] of Object.entries(lists)) {
    const found = allOf(table, text);
    if (found.length > 0) set(key, found);
  }
  const signals = {
    priceReduced: /price (?:reduced|reduction|drop|improvement)/i.test(text),
    cashOnly: /cash only/i.test(text),
    asIs: /\bas[- ]is\b/i.test(text),
    investorSpecial: /investor special|fixer/i.test(text),
    seniorCommunity: /\b55\s*\+|55 and over/i.test(text),
  };
  if (Object.values(signals).some(Boolean)) set('signals', signals);
  set('summary', firstSentence(description));
  return withShortKeys(hints);
}

/** The short keys of enrich-llm's lean reply, for the same values. */
const SHORT_KEYS: Record<string, string> = {
  propertySubtype: 'type',
  condition: 'cond',
  lotFeatures: 'lot',
  bedrooms: 'beds',
  bathrooms: 'baths',
  livingAreaSqft: 'sqft',
  garageSpaces: 'garage',
  hoaMonthlyFee: 'hoaFee',
  renovated: 'reno',
  renovationYear: 'renoYear',
};

/** Adds the short keys, and `flags`: the names of the signals that hold, as a list. */
function withShortKeys(hints: ListingHints): ListingHints {
  const short = Object.fromEntries(
    Object.entries(hints).flatMap(([key, value]) =>
      SHORT_KEYS[key] ? [[SHORT_KEYS[key], value]] : [],
    ),
  );
  const signals = hints.signals as Record<string, boolean> | undefined;
  const flags = Object.entries(signals ?? {}).flatMap(([name, on]) => (on ? [name] : []));
  return { ...hints, ...short, flags, ...(Object.keys(hints).length > 0 ? { c: 0.9 } : {}) };
}
