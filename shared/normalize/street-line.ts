import type { AddressParts } from '../model/address.js';
import { BARE_UNITS, DIRECTIONALS, UNIT_DESIGNATORS } from './address-tables.js';
import { ROUTE_WORDS, STREET_SUFFIXES } from './street-suffixes.js';

/** The street parts of an address, and words left after the street when a city may follow. */
export type StreetParts = Pick<
  AddressParts,
  'number' | 'predir' | 'street' | 'suffix' | 'postdir' | 'unit'
> & { rest: string[] };

const HOUSE_NUMBER = /^\d+(-\d+)?(-?[A-Z])?$/;
const FRACTION = /^\d\/\d$/;

/** A token that can only be a unit identifier here: it has a digit, or is one non-directional letter. */
function isUnitLike(token: string): boolean {
  return /\d/.test(token) || (/^[A-Z]$/.test(token) && !DIRECTIONALS.has(token));
}

/** A unit token as written in keys: bare designators abbreviated, hyphens dropped (`B-12` = `B12`). */
function unitId(token: string): string {
  return BARE_UNITS.get(token) ?? token.replace(/-/g, '');
}

/** `HIGHWAY 60` -> `HWY 60`: a route word before a number is part of the name, abbreviated. */
function routeWord(token: string, next: string | undefined): string {
  const standard = STREET_SUFFIXES.get(token);
  return standard && ROUTE_WORDS.has(standard) && /^\d+$/.test(next ?? '') ? standard : token;
}

/** Whether `words[at]` is a suffix word and not a route word before its number (`HWY 60`). */
function isSuffixAt(words: string[], at: number): boolean {
  const standard = STREET_SUFFIXES.get(words[at] ?? '');
  return (
    standard !== undefined && !(ROUTE_WORDS.has(standard) && /^\d+$/.test(words[at + 1] ?? ''))
  );
}

/** The house number (`3301`, `1234-B`, `1234 1/2`) and the words after it. */
function splitNumber(tokens: string[]): { number: string | null; words: string[] } {
  if (tokens[0] === undefined || !HOUSE_NUMBER.test(tokens[0]))
    return { number: null, words: tokens };
  if (tokens[1] !== undefined && FRACTION.test(tokens[1])) {
    return { number: `${tokens[0]} ${tokens[1]}`, words: tokens.slice(2) };
  }
  return { number: tokens[0], words: tokens.slice(1) };
}

/** Cuts a designated unit (`APT 5`, `# 5`, `BLDG 3 UNIT 12`) and, when a city may follow, the words after it. */
function splitDesignatedUnit(words: string[], cityMayFollow: boolean) {
  const at = words.findIndex((word, index) => index > 0 && UNIT_DESIGNATORS.has(word));
  if (at < 0) return { street: words, unit: null, rest: [] };
  const after = words.slice(at);
  const cityAt = cityMayFollow
    ? after.findIndex((word, i) => i > 1 && !isUnitLike(word) && !UNIT_DESIGNATORS.has(word))
    : -1;
  const ids = (cityAt > 0 ? after.slice(0, cityAt) : after)
    .filter((word) => !UNIT_DESIGNATORS.has(word))
    .map(unitId)
    .filter((id) => id !== '');
  return {
    street: words.slice(0, at),
    unit: ids.join(' ') || null,
    rest: cityAt > 0 ? after.slice(cityAt) : [],
  };
}

/**
 * Cuts the suffix, a postdirectional and an undesignated unit (`68TH ST 371`) off the street.
 * The suffix is the last suffix word with a name before it, unless words that can be neither a
 * unit nor a city follow it (`AVENUE OF THE AMERICAS`).
 */
function splitSuffix(street: string[], unit: string | null, cityMayFollow: boolean) {
  const none = { street, suffix: null, postdir: null, unit, rest: [] as string[] };
  let at = street.length - 1;
  while (at >= 1 && !isSuffixAt(street, at)) at -= 1;
  if (at < 1) {
    const last = street.at(-1) ?? '';
    if (unit !== null || street.length < 2 || !BARE_UNITS.has(last)) return none;
    return { ...none, street: street.slice(0, -1), unit: unitId(last) };
  }
  let after = street.slice(at + 1);
  const postdir = DIRECTIONALS.get(after[0] ?? '') ?? null;
  if (postdir !== null) after = after.slice(1);
  let trailingUnit = unit;
  if (
    unit === null &&
    after[0] !== undefined &&
    (isUnitLike(after[0]) || BARE_UNITS.has(after[0]))
  ) {
    trailingUnit = unitId(after[0]);
    after = after.slice(1);
  }
  if (after.length > 0 && !cityMayFollow) return none;
  const suffix = STREET_SUFFIXES.get(street[at] ?? '') ?? null;
  return { street: street.slice(0, at), suffix, postdir, unit: trailingUnit, rest: after };
}

/**
 * Splits the tokens of a street line (`3301 N 67TH AVE # 12`) into USPS parts: `W COURT ST` has
 * the name COURT, `NORTH ST` the name NORTH (a directional is the name when nothing else is).
 * With `cityMayFollow`, words after the street that are not a unit are returned in `rest`.
 */
export function parseStreetTokens(tokens: string[], cityMayFollow: boolean): StreetParts {
  const { number, words } = splitNumber(tokens);
  const named = words.map((word, index) => routeWord(word, words[index + 1]));
  const designated = splitDesignatedUnit(named, cityMayFollow);
  const tail = splitSuffix(designated.street, designated.unit, cityMayFollow);
  const predir = tail.street.length > 1 ? (DIRECTIONALS.get(tail.street[0] ?? '') ?? null) : null;
  const name = predir === null ? tail.street : tail.street.slice(1);
  return {
    number,
    predir,
    street: name.join(' ') || null,
    suffix: tail.suffix,
    postdir: tail.postdir,
    unit: tail.unit,
    rest: [...tail.rest, ...designated.rest],
  };
}
