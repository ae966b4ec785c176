/**
 * Calendar arithmetic in America/Phoenix, which is UTC-7 all year (Arizona keeps no daylight
 * saving), so a fixed offset is exact and needs no time-zone database.
 */

const PHOENIX_OFFSET_MS = -7 * 60 * 60 * 1000;

/** A Phoenix calendar position of an instant. */
export interface PhoenixDate {
  /** `YYYY-MM-DD` in Phoenix. */
  day: string;
  /** `YYYY-MM` in Phoenix. */
  month: string;
  /** Day of the month, 1-31. */
  dayOfMonth: number;
  /** Days in that month (28-31). */
  daysInMonth: number;
}

/** Where `instant` falls on the Phoenix calendar: 07:00 UTC is 00:00 in Phoenix. */
export function phoenixDate(instant: Date): PhoenixDate {
  const shifted = new Date(instant.getTime() + PHOENIX_OFFSET_MS);
  const iso = shifted.toISOString();
  const year = shifted.getUTCFullYear();
  const monthIndex = shifted.getUTCMonth();
  return {
    day: iso.slice(0, 10),
    month: iso.slice(0, 7),
    dayOfMonth: shifted.getUTCDate(),
    // Day 0 of the next month is the last day of this one; leap years come out right.
    daysInMonth: new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate(),
  };
}
