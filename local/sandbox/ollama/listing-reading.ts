/**
 * How the sandbox "reads" a listing: a handful of plain phrases, so that tests can predict its
 * answer from the text they wrote. It is deliberately simpler than the action's rules extractor
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
  set('bedrooms', number(text, /(\d+)\s*(?:bedrooms?|beds?|br)\b/i));
  set('bathrooms', number(text, /(\d+(?:\.\d+)?)\s*(?:bathrooms?|baths?|ba)\b/i));
  set('livingAreaSqft', number(text, /([\d,]{3,6})\s*(?:sq\.?\s*ft|square feet)/i));
  set('garageSpaces', number(text, /(\d+)[- ]car garage/i));
  if (/\bno pool\b/i.test(text)) set('pool', false);
  else if (/\bpool\b/i.test(text)) set('pool', true);
  if (/\bno hoa\b/i.test(text)) set('hoa', false);
  else {
    const fee = number(text, /hoa\s*(?:fee\s*)?(?:is\s*)?\$\s*(\d+(?:\.\d+)?)/i);
    if (fee !== undefined) set('hoa', true);
    set('hoaMonthlyFee', fee);
  }
  const year = number(text, /(?:updated|renovated|remodell?ed)\s+(?:in\s+)?(\d{4})/i);
  if (year !== undefined || /\b(updated|renovated|remodell?ed)\b/i.test(text))
    set('renovated', true);
  set('renovationYear', year);
  if (/\bsolar\b/i.test(text)) set('solar', true);
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
