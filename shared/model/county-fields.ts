import { NonRetryableError } from '../errors.js';

/**
 * Reads single fields of a county response, surviving its PHP quirks: numbers as (padded)
 * strings, zeros as ints, `[]` for an empty object, `"na"` for no value. Absent values become
 * null; a value of a type the county never serves throws, naming the parcel and the field.
 */
export interface CountyFieldReader {
  /** A trimmed string; null when absent, blank or `[]`. */
  text(value: unknown, field: string): string | null;
  /** A whole number from an int or a digit string (`"1,234"` too); null when absent or `"na"`. */
  integer(value: unknown, field: string): number | null;
  /** A decimal number from a number or a numeric string (`"0.1000"`). */
  decimal(value: unknown, field: string): number | null;
  /** A boolean from `true`/`false` or `1`/`0`. */
  flag(value: unknown, field: string): boolean | null;
  /** A JSON object; null when absent or PHP's `[]` for an empty object. */
  object(value: unknown, field: string): Record<string, unknown> | null;
  /** A JSON array; empty when absent. */
  array(value: unknown, field: string): unknown[];
  /** `MM/DD/YYYY` (or ISO) as `YYYY-MM-DD`. */
  date(value: unknown, field: string): string | null;
  /** `MM/01/YYYY` as `YYYY-MM`: county sale dates carry the month only. */
  month(value: unknown, field: string): string | null;
}

/** True for the values the county uses for "nothing": absent, null and `[]`. */
export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

/** True for a non-array JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shown(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

/** A reader whose errors name `apn`. */
export function countyFieldReader(apn: string): CountyFieldReader {
  const fail = (field: string, expected: string, value: unknown): never => {
    throw new NonRetryableError(
      `county parcel ${apn}: field ${field}: expected ${expected}, got ${shown(value)}`,
    );
  };
  const text = (value: unknown, field: string): string | null => {
    if (isAbsent(value)) return null;
    if (typeof value === 'number') return String(value);
    if (typeof value !== 'string') return fail(field, 'a string', value);
    return value.trim() === '' ? null : value.trim();
  };
  const numeric = (value: unknown, field: string, pattern: RegExp, expected: string) => {
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    const raw = text(value, field);
    if (raw === null || /^na$/i.test(raw)) return null;
    const digits = raw.replace(/^\$/, '').replace(/,(?=\d{3}\b)/g, '');
    return pattern.test(digits) ? Number(digits) : fail(field, expected, value);
  };
  const usDate = (value: unknown, field: string) => {
    const raw = text(value, field);
    if (raw === null) return null;
    const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(raw);
    if (us) return `${us[3]}-${us[1]?.padStart(2, '0')}-${us[2]?.padStart(2, '0')}`;
    return /^\d{4}-\d{2}-\d{2}$/.test(raw) ? raw : fail(field, 'a date MM/DD/YYYY', value);
  };
  return {
    text,
    integer: (value, field) => {
      const number = numeric(value, field, /^-?\d+(\.0+)?$/, 'a whole number');
      return number === null || Number.isInteger(number)
        ? number
        : fail(field, 'a whole number', value);
    },
    decimal: (value, field) => numeric(value, field, /^-?\d+(\.\d+)?$/, 'a number'),
    flag: (value, field) => {
      if (value === undefined || value === null || typeof value === 'boolean') return value ?? null;
      if (value === 1 || value === 0 || value === '1' || value === '0') return Number(value) === 1;
      return fail(field, 'true or false', value);
    },
    object: (value, field) => {
      if (isAbsent(value)) return null;
      return isRecord(value) ? value : fail(field, 'an object', value);
    },
    array: (value, field) => {
      if (value === undefined || value === null) return [];
      return Array.isArray(value) ? (value as unknown[]) : fail(field, 'an array', value);
    },
    date: usDate,
    month: (value, field) => usDate(value, field)?.slice(0, 7) ?? null,
  };
}
