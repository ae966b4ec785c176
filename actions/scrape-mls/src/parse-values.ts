import { LISTING_STATUSES, type ListingStatus } from '../../../shared/model/mls-listing.js';

/**
 * Parsers for the values listing pages show. Each returns null for text it cannot read: missing
 * stays missing. The text is the site's, so untrusted: each parser reads at most
 * `MAX_VALUE_CHARS` of it, and every pattern runs in time linear in its input (a number is only
 * tried where its digits start, never from inside a run of digits).
 */

/** The most characters of a value field a parser reads; a longer field is cut first. */
export const MAX_VALUE_CHARS = 2_000;

/** The first `MAX_VALUE_CHARS` of a field, '' for none. */
export const clip = (text: string | undefined): string => (text ?? '').slice(0, MAX_VALUE_CHARS);

const SQFT_PER_ACRE = 43_560;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** `$389,900`, `$850K`, `$1.5M`, `Asking $389,900` -> dollars; null without a figure. */
export function parsePrice(text: string | undefined): number | null {
  const match = /(?<!\d)(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*([KkMm])?\b/.exec(clip(text));
  if (!match) return null;
  const value = Number((match[1] ?? '').replace(/,/g, ''));
  const scale = { k: 1_000, m: 1_000_000 }[(match[2] ?? '').toLowerCase()] ?? 1;
  return Number.isFinite(value) ? Math.round(value * scale) : null;
}

/** A whole number in the text (`1,450`, `12 days`), or null. */
export function parseCount(text: string | undefined): number | null {
  const match = /\d{1,3}(?:,\d{3})+|\d+/.exec(clip(text));
  return match ? Number(match[0].replace(/,/g, '')) : null;
}

/** `3`, `3BR`, `4 BR`, `3 beds`, `studio` (0) -> bedrooms. */
export function parseBedrooms(text: string | undefined): number | null {
  if (/\bstudio\b/i.test(clip(text))) return 0;
  return parseCount(text);
}

/** Bathrooms as a page gives them. */
export interface Baths {
  total: number | null;
  full: number | null;
  half: number | null;
}

/**
 * `2 full, 1 half`; `2.5` or `3 BA` alone (a total); a full count with a separate half count.
 * A decimal alone is not split into full and half: that would be guessing.
 */
export function parseBaths(text: string | undefined, halfText?: string): Baths {
  const source = clip(text);
  const full = /(?<!\d)(\d+)\s*full/i.exec(source);
  const half = /(?<!\d)(\d+)\s*(?:half|partial)/i.exec(source);
  if (full) {
    const halves = half ? Number(half[1]) : 0;
    return { full: Number(full[1]), half: halves, total: Number(full[1]) + halves / 2 };
  }
  const number = /\d+(?:\.\d+)?/.exec(source);
  if (!number) return { total: null, full: null, half: null };
  const value = Number(number[0]);
  const separateHalf = parseCount(halfText);
  if (separateHalf !== null && Number.isInteger(value)) {
    return { full: value, half: separateHalf, total: value + separateHalf / 2 };
  }
  // Quarter steps only: "2.33" is no bathroom count a listing means.
  return { total: Math.round(value * 4) / 4, full: null, half: null };
}

/** `1,450 sq ft`, `1450 SF`, `1,450` -> square feet. */
export function parseArea(text: string | undefined): number | null {
  return parseCount(text);
}

/** A lot in acres (`0.17 acres`, `1 ac`) or square feet (`7,400 sq ft`) -> square feet. */
export function parseLot(text: string | undefined): number | null {
  const acres = /(?<!\d)(\d+(?:\.\d+)?)\s*(?:acres?|ac)\b/i.exec(clip(text));
  if (acres) return Math.round(Number(acres[1]) * SQFT_PER_ACRE);
  return parseCount(text);
}

/** A four-digit year from 1800 on, or null. */
export function parseYear(text: string | undefined): number | null {
  const match = /\b(1[89]\d\d|2\d\d\d)\b/.exec(clip(text));
  return match ? Number(match[1]) : null;
}

/** ARMLS status from the words pages use (`Active`, `UCB`, `Under Contract - Taking Backups`, `PENDING`). */
export function parseStatus(text: string | undefined): ListingStatus | null {
  const words = clip(text)
    .toLowerCase()
    .replace(/[^a-z ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (words === '') return null;
  const exact = LISTING_STATUSES.find((status) => status.toLowerCase() === words);
  if (exact) return exact;
  if (/contingent/.test(words) && /backup/.test(words)) return 'CCBS';
  if (/under contract/.test(words) && /backup/.test(words)) return 'UCB';
  if (/coming soon/.test(words)) return 'Coming Soon';
  if (/temp(orarily)? off/.test(words)) return 'Temp Off Market';
  if (/\b(pending|under contract)\b/.test(words)) return 'Pending';
  if (/\b(sold|closed)\b/.test(words)) return 'Closed';
  if (/\bcancel+ed\b/.test(words)) return 'Cancelled';
  if (/\bexpired\b/.test(words)) return 'Expired';
  if (/\bwithdrawn\b/.test(words)) return 'Withdrawn';
  if (/\b(active|for sale|new)\b/.test(words)) return 'Active';
  return null;
}

/** `2026-11-02`, `11/02/2026`, `Nov 2, 2026` -> `2026-11-02`; null when not a real date. */
export function parseDate(text: string | undefined): string | null {
  const source = clip(text);
  let parts: [number, number, number] | null = null;
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(source);
  const us = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/.exec(source);
  const words = /\b([A-Za-z]{3})[a-z]*\.? (\d{1,2}), (\d{4})\b/.exec(source);
  if (iso) parts = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (us) parts = [Number(us[3]), Number(us[1]), Number(us[2])];
  else if (words) {
    const month = MONTHS.indexOf((words[1] ?? '').toLowerCase()) + 1;
    if (month > 0) parts = [Number(words[3]), month, Number(words[2])];
  }
  if (!parts) return null;
  const [year, month, day] = parts;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** The first token with a digit (`6912345`, `AZ-6912345`) of an MLS number field, or null. */
export function parseMlsNumber(text: string | undefined): string | null {
  // Tried only where a token starts: from inside one, the search would rescan it to its end.
  return /(?<![A-Za-z0-9-])[A-Za-z0-9-]*\d[A-Za-z0-9-]*/.exec(clip(text))?.[0] ?? null;
}
