import { CONDITION_WORDS, COUNT, NUMBER_WORDS } from './rules-patterns.js';

/** Readers of single facts out of listing text; null when the text does not say. */

const toNumber = (word: string): number =>
  NUMBER_WORDS[word.toLowerCase()] ?? Number(word.replace(/,/g, ''));

const COUNT_PATTERNS = {
  bed: new RegExp(String.raw`\b${COUNT}\s*(?:-\s*)?(?:bd|br|beds?|bedrooms?)\b`, 'i'),
  sqft: /\b(\d{1,2},\d{3}|\d{3,5})\s*(?:sq\.?\s*ft\.?|sqft|square\s+feet|sf)\b/i,
} as const;

/** A count before a unit word: `3BR`, `three bedroom`, `1,450 sq ft`. */
export function count(text: string, unit: keyof typeof COUNT_PATTERNS): number | null {
  const match = COUNT_PATTERNS[unit].exec(text);
  return match?.[1] === undefined ? null : toNumber(match[1]);
}

/** `2BA`, `2.5 baths`, `2 full baths and 1 half bath`; only quarter steps are baths. */
export function bathrooms(text: string): number | null {
  const split = /\b(\d{1,2}) full baths?\b(?:[^.]{0,20}?\b(\d) half baths?)?/i.exec(text);
  if (split?.[1]) return Number(split[1]) + (split[2] ? Number(split[2]) * 0.5 : 0);
  const match = /\b(\d{1,2}(?:\.\d{1,2})?)\s*(?:-\s*)?(?:ba|baths?|bathrooms?)\b/i.exec(text);
  const value = match?.[1] === undefined ? null : Number(match[1]);
  return value !== null && Number.isInteger(value * 4) ? value : null;
}

const GARAGE = new RegExp(
  String.raw`\b${COUNT}[- ]car\s+(?:attached\s+|detached\s+|tandem\s+|extended\s+)?garage`,
  'i',
);

/** `2-car garage`, `two car attached garage`; `no garage` is 0. */
export function garageSpaces(text: string): number | null {
  if (/\bno garage\b/i.test(text)) return 0;
  const match = GARAGE.exec(text);
  return match?.[1] === undefined ? null : toNumber(match[1]);
}

const SHARED_POOL = new Set([
  'community',
  'shared',
  'hoa',
  'association',
  'neighborhood',
  'complex',
]);

/** The word (letters, digits, `_`, `-`) that ends just before `end`, spaces between skipped. */
function wordBefore(text: string, end: number): string {
  let stop = end;
  while (stop > 0 && /\s/.test(text[stop - 1] ?? '')) stop -= 1;
  if (stop === end) return '';
  let start = stop;
  // Bounded: no word a listing means is longer, and a scan back must not grow with the text.
  while (start > 0 && stop - start < 40 && /[\w-]/.test(text[start - 1] ?? '')) start -= 1;
  return text.slice(start, stop);
}

/** A private pool: `diving pool`, `pool`, but not a community pool alone; `no pool` is false. */
export function pool(text: string): boolean | null {
  if (/\bno pool\b/i.test(text)) return false;
  // Each `pool` found on its own, then the word before it looked at: a pattern with an optional
  // word in front (`([\w-]+\s+)?pool`) retries that word from each of its letters (quadratic).
  const mentions = [...text.matchAll(/\bpool\b/gi)];
  if (mentions.length === 0) return null;
  return mentions.some((mention) => !SHARED_POOL.has(wordBefore(text, mention.index).toLowerCase()))
    ? true
    : null;
}

const AMOUNT = String.raw`\$\s*([\d,]+(?:\.\d{1,2})?)`;
// One way only to split the spaces around `per` (`\s*(?:per)?\s*` tries every split: quadratic).
const PERIOD = String.raw`(?:\s*(?:(?:\/|per|an?)\s*)?(mo|month|monthly|qtr|quarter|quarterly|yr|year|yearly|annual|annually|semi-annual))?`;
const HOA_FEE_AFTER = new RegExp(String.raw`\bhoa\b[^$.\d]{0,25}${AMOUNT}${PERIOD}`, 'i');
const HOA_FEE_BEFORE = new RegExp(String.raw`${AMOUNT}${PERIOD}\s*hoa\b`, 'i');

const PERIOD_MONTHS: Readonly<Record<string, number>> = { q: 3, y: 12, a: 12, s: 6 };

/** `HOA $85/mo`, `$255 quarterly HOA`, `no HOA`; a quarterly or yearly fee is made monthly. */
export function hoa(text: string): { hoa: boolean | null; monthlyFee: number | null } {
  if (/\b(no hoa|hoa[- ]free|no association)\b/i.test(text))
    return { hoa: false, monthlyFee: null };
  const match = HOA_FEE_AFTER.exec(text) ?? HOA_FEE_BEFORE.exec(text);
  if (!match?.[1]) return { hoa: /\bhoa\b/i.test(text) ? true : null, monthlyFee: null };
  const months =
    PERIOD_MONTHS[(match[2] ?? 'm').toLowerCase().replace(/^semi-annual$/, 's')[0] ?? 'm'] ?? 1;
  const fee = Math.round((Number(match[1].replace(/,/g, '')) / months) * 100) / 100;
  return { hoa: true, monthlyFee: fee };
}

const RENOVATION_YEAR =
  /\b(?:updated|renovated|remodell?ed|rehabbed|refreshed)\b[^.]{0,30}?\b((?:19|20)\d{2})\b/i;

/** `updated in 2019`, `remodeled 2021`, `2018 renovation`; a year past `maxYear` is dropped. */
export function renovation(
  text: string,
  maxYear: number,
): { renovated: boolean | null; year: number | null } {
  const match =
    RENOVATION_YEAR.exec(text) ??
    /\b((?:19|20)\d{2})\s+(?:remodel|renovation|rehab|update)/i.exec(text);
  const year = match?.[1] === undefined ? null : Number(match[1]);
  const plausible = year !== null && year >= 1900 && year <= maxYear ? year : null;
  const said =
    plausible !== null || /\b(updated|renovated|remodell?ed|remodel|rehabbed)\b/i.test(text);
  return { renovated: said ? true : null, year: plausible };
}

/** `single level` is 1, `two-story` is 2. */
export function stories(text: string): number | null {
  if (/\b(single[- ]?(level|story)|one[- ](level|story)|1[- ]story)\b/i.test(text)) return 1;
  if (/\b(two|2)[- ](story|level)\b/i.test(text)) return 2;
  if (/\b(three|3)[- ](story|level)|tri-level\b/i.test(text)) return 3;
  return null;
}

/** Worst condition the text names. */
export function condition(text: string): (typeof CONDITION_WORDS)[number][1] | null {
  return CONDITION_WORDS.find(([pattern]) => pattern.test(text))?.[1] ?? null;
}

/** `owned solar` and `leased solar` (null when solar is there but ownership not said). */
export function solar(text: string): { solar: boolean | null; leased: boolean | null } {
  if (/\bno solar\b/i.test(text)) return { solar: false, leased: null };
  if (!/\bsolar\b/i.test(text)) return { solar: null, leased: null };
  if (/\b(leased|lease) solar|\bsolar\b[^.]{0,20}\b(leased|lease)\b/i.test(text))
    return { solar: true, leased: true };
  if (/\b(owned|paid[- ]off) solar|\bsolar\b[^.]{0,20}\b(owned|paid (off|for))\b/i.test(text)) {
    return { solar: true, leased: false };
  }
  return { solar: true, leased: null };
}
