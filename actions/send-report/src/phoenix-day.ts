const PHOENIX_OFFSET_MS = -7 * 3_600_000; // America/Phoenix keeps UTC-7 all year.
const DAY_MS = 86_400_000;

/** The Phoenix date (`YYYY-MM-DD`) of a time in ms or an ISO timestamp. */
export const phoenixDate = (time: number | string): string =>
  new Date((typeof time === 'string' ? Date.parse(time) : time) + PHOENIX_OFFSET_MS)
    .toISOString()
    .slice(0, 10);

/** The date `days` after (negative: before) a `YYYY-MM-DD` date. */
export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
