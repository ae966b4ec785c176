import type { AddressParts } from '../model/address.js';
import { BARE_UNITS, DIRECTIONALS, STATES, UNIT_DESIGNATORS } from './address-tables.js';
import { MARICOPA_PLACES } from './maricopa-places.js';
import { parseStreetTokens } from './street-line.js';
import { STREET_SUFFIXES } from './street-suffixes.js';

/** What a source gives beside the address line (county search rows: `SitusCity`, `SitusZip`). */
export interface AddressContext {
  /** City given separately; used when the line has none. */
  city?: string | null;
  /** ZIP given separately; used when the line has none. */
  zip?: string | null;
  /** The line is the street only (county `SitusAddress`): no city, state or ZIP is looked for. */
  streetOnly?: boolean;
}

/** The ZIP5 of a ZIP or ZIP+4 (`85281-1234` -> `85281`); null for anything else (`0`, `NA`, ''). */
export function normalizeZip(input: string | null | undefined): string | null {
  const match = /^(\d{5})(-?\d{4})?$/.exec((input ?? '').trim());
  return match?.[1] ?? null;
}

/** A city upper case with punctuation removed; null when empty or the county's `NO CITY`. */
export function normalizeCity(input: string | null | undefined): string | null {
  const city = tokenize(input ?? '').join(' ');
  return city === '' || city === 'NO CITY' ? null : city;
}

/** Upper case, periods and apostrophes dropped, other punctuation (but `-` and `#`) as spaces. */
function tokenize(text: string): string[] {
  return text
    .toUpperCase()
    .replace(/['.’]/g, '')
    .replace(/#/g, ' # ')
    .replace(/(?<!\d)\/|\/(?!\d)/g, ' ')
    .replace(/[^A-Z0-9#/\s-]/g, ' ')
    .replace(/(?<=[A-Z])-(?=[A-Z])|(?<!\w)-|-(?!\w)/g, ' ')
    .split(/\s+/)
    .filter((token) => token !== '');
}

/** A state token that cannot be read as part of the street (`CT` may be Court, `NE` a direction). */
function isUnambiguousState(token: string): boolean {
  return !STREET_SUFFIXES.has(token) && !DIRECTIONALS.has(token) && !UNIT_DESIGNATORS.has(token);
}

/** A comma segment that continues the street (`#12`, `Apt 5`, `Unit 104`) rather than a city. */
function isUnitSegment(tokens: string[]): boolean {
  const first = tokens[0] ?? '';
  return UNIT_DESIGNATORS.has(first) || BARE_UNITS.has(first) || tokens.some((t) => /\d/.test(t));
}

/** Removes a known Maricopa place from the end of `tokens`, leaving a street of two words or more. */
function takePlace(tokens: string[]): string | null {
  const line = tokens.join(' ');
  for (const place of MARICOPA_PLACES) {
    if (!line.endsWith(` ${place}`)) continue;
    const street = tokens.slice(0, tokens.length - place.split(' ').length);
    if (street.length < 2 || DIRECTIONALS.has(street.at(-1) ?? '')) return null;
    tokens.splice(street.length);
    return place;
  }
  return null;
}

/**
 * Takes ZIP, state and city off the end of the comma segments of a full line. The city is a
 * segment of its own (`..., Tempe, AZ`) or is found later in the street segment.
 */
function takeTail(segments: string[][]) {
  const dropEmpty = () => segments.at(-1)?.length === 0 && segments.pop();
  const zip = normalizeZip(segments.at(-1)?.at(-1));
  if (zip !== null) segments.at(-1)?.pop();
  dropEmpty();
  const token = segments.at(-1)?.at(-1) ?? '';
  let state: string | null = null;
  if (STATES.has(token) && (zip !== null || segments.length > 1 || isUnambiguousState(token))) {
    state = STATES.get(token) ?? null;
    segments.at(-1)?.pop();
    dropEmpty();
  }
  const last = segments.at(-1);
  const city = segments.length > 1 && last && !isUnitSegment(last) ? last.join(' ') : null;
  if (city !== null) segments.pop();
  return { zip, state, city };
}

/**
 * Splits a US address into USPS parts. Accepts a full line (`1122 S Smith Rd, Tempe, AZ
 * 85281-1234`, the county's `4600 N 68TH ST 371 SCOTTSDALE, AZ 85251` and comma-less
 * `15817 W LISBON LN SURPRISE 85379`) or, with `streetOnly`, a street line. Parts the text
 * does not give come from `context` or stay null.
 */
export function parseAddress(text: string, context: AddressContext = {}): AddressParts {
  const segments = text
    .split(',')
    .map(tokenize)
    .filter((segment) => segment.length > 0);
  const tail = context.streetOnly ? { zip: null, state: null, city: null } : takeTail(segments);
  const tokens = segments.flat();
  let city = tail.city;
  if (!context.streetOnly && city === null && segments.length === 1) city = takePlace(tokens);
  const cityMayFollow =
    city === null && (tail.zip !== null || tail.state !== null) && segments.length === 1;
  const { rest, ...street } = parseStreetTokens(tokens, cityMayFollow);
  if (city === null && rest.length > 0) city = rest.join(' ');
  return {
    ...street,
    city: normalizeCity(city) ?? normalizeCity(context.city),
    state: tail.state,
    zip: tail.zip ?? normalizeZip(context.zip),
  };
}
