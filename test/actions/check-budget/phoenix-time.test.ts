import { describe, expect, it } from 'vitest';
import { phoenixDate } from '../../../actions/check-budget/src/phoenix-time.js';

describe('phoenixDate', () => {
  it.each([
    // Midnight in Phoenix is 07:00 UTC, all year (no daylight saving).
    ['2026-03-15T06:59:59.999Z', '2026-03-14', 14, 31],
    ['2026-03-15T07:00:00.000Z', '2026-03-15', 15, 31],
    ['2026-07-01T06:59:59.000Z', '2026-06-30', 30, 30],
    ['2026-07-01T07:00:00.000Z', '2026-07-01', 1, 31],
    // The nightly run at 10:00 UTC is 03:00 the same day in Phoenix.
    ['2026-11-28T10:00:00.000Z', '2026-11-28', 28, 30],
    // New year's eve in Phoenix until 07:00 UTC on January 1st.
    ['2027-01-01T06:30:00.000Z', '2026-12-31', 31, 31],
    ['2026-02-28T12:00:00.000Z', '2026-02-28', 28, 28],
    ['2028-02-29T12:00:00.000Z', '2028-02-29', 29, 29],
    ['2028-03-01T06:00:00.000Z', '2028-02-29', 29, 29],
    ['2100-02-15T12:00:00.000Z', '2100-02-15', 15, 28],
  ])('%s is %s in Phoenix', (instant, day, dayOfMonth, daysInMonth) => {
    expect(phoenixDate(new Date(instant))).toEqual({
      day,
      month: day.slice(0, 7),
      dayOfMonth,
      daysInMonth,
    });
  });
});
