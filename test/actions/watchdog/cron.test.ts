import { describe, expect, it } from 'vitest';
import { nextFire, parseCron } from '../../../actions/watchdog/src/cron.js';
import { firstRun } from '../../../actions/watchdog/src/first-run.js';

describe('cron schedules as GitHub reads them (UTC)', () => {
  it.each([
    ['17 10 * * *', '2026-12-03T10:16:59Z', '2026-12-03T10:17:00Z'],
    ['17 10 * * *', '2026-12-03T10:17:00Z', '2026-12-04T10:17:00Z'],
    ['17 */6 * * *', '2026-12-31T23:59:00Z', '2027-01-01T00:17:00Z'],
    ['23 14 * * 1', '2026-12-03T00:00:00Z', '2026-12-07T14:23:00Z'],
    ['53 14 1 * *', '2026-12-03T00:00:00Z', '2027-01-01T14:53:00Z'],
    ['41 20 * * 7', '2026-12-03T00:00:00Z', '2026-12-06T20:41:00Z'],
    ['5,35 8-9 * * *', '2026-12-03T08:36:00Z', '2026-12-03T09:05:00Z'],
    // Day of month and day of week both given: either one fires it.
    ['0 12 1 * 5', '2026-12-02T00:00:00Z', '2026-12-04T12:00:00Z'],
  ])('%s fires first after %s at %s', (cron, after, expected) => {
    expect(nextFire(parseCron(cron)!, new Date(after))?.toISOString()).toBe(
      expected.replace('Z', '.000Z'),
    );
  });

  it.each([
    '',
    '17 10 * *',
    '60 10 * * *',
    '17 24 * * *',
    '17 10 0 * *',
    'a b c d e',
    '*/0 * * * *',
  ])('rejects %o', (cron) => expect(parseCron(cron)).toBeUndefined());

  it('never fires on the 31st of February', () => {
    expect(nextFire(parseCron('0 0 31 2 *')!, new Date('2026-12-03T00:00:00Z'))).toBeUndefined();
  });
});

describe('the first run of a workflow that never ran', () => {
  const nightly = parseCron('17 10 * * *')!;

  it.each([
    // Enabled well before 10:17: due that day, with the 2 h that 26 h leaves over 24 h.
    ['2026-12-03T08:00:00Z', 26, '2026-12-03T10:17:00Z', '2026-12-03T12:17:00Z'],
    // Enabled minutes before it: GitHub may not fire a schedule that new, so the next day's.
    ['2026-12-03T10:00:00Z', 26, '2026-12-04T10:17:00Z', '2026-12-04T12:17:00Z'],
    ['2026-12-03T15:00:00Z', 48, '2026-12-04T10:17:00Z', '2026-12-05T10:17:00Z'],
    // A window shorter than the interval still leaves an hour.
    ['2026-12-03T15:00:00Z', 12, '2026-12-04T10:17:00Z', '2026-12-04T11:17:00Z'],
  ])('enabled at %s with max-age %d h: scheduled %s, due by %s', (since, hours, at, due) => {
    const first = firstRun(new Date(since), nightly, hours);
    expect(first?.scheduledAt.toISOString()).toBe(at.replace('Z', '.000Z'));
    expect(first?.dueBy.toISOString()).toBe(due.replace('Z', '.000Z'));
  });
});
