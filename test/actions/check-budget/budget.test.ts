import { describe, expect, it } from 'vitest';
import { assessBudget, budgetReason } from '../../../actions/check-budget/src/budget.js';
import {
  DEFAULT_POLICY,
  levelFor,
  projectionLevelFor,
  severityFor,
  stageAllowed,
  type GatePolicy,
} from '../../../actions/check-budget/src/levels.js';
import { entry, testCard } from './cards.js';

const card = testCard();

function assess(
  entries: ReturnType<typeof entry>[],
  now: string,
  policy: GatePolicy = DEFAULT_POLICY,
) {
  return assessBudget({ budget: 25, entries, card, policy, now: new Date(now) });
}

describe('projection to month end', () => {
  it.each([
    // $3 over the first 3 days of a 30-day month projects $30.
    ['2026-11-03T10:00:00Z', ['2026-11-01', '2026-11-02', '2026-11-03'], 30],
    // 28 days in February 2026: $1 a day projects $28.
    ['2026-02-02T10:00:00Z', ['2026-02-01', '2026-02-02'], 28],
    // 29 in February 2028.
    ['2028-02-02T10:00:00Z', ['2028-02-01', '2028-02-02'], 29],
    // Last day of January: the month is complete, projection equals month to date.
    ['2026-01-31T10:00:00Z', ['2026-01-30', '2026-01-31'], 2],
  ])('at %s with $1 on each of %j projects $%d', (now, days, projected) => {
    const status = assess(
      days.map((day, i) => entry(`r${i}`, day, 1)),
      now,
    );
    expect(status.projected).toBeCloseTo(projected, 6);
    expect(status.monthToDate).toBeCloseTo(days.length, 6);
  });

  it('starts a new month from zero: last month’s entries do not count', () => {
    const entries = [entry('r1', '2026-01-31', 20), entry('r2', '2026-02-01', 1)];
    // 2026-02-01T06:59Z is still January 31st in Phoenix.
    const january = assess(entries, '2026-02-01T06:59:00Z');
    expect(january.month).toBe('2026-01');
    expect(january.monthToDate).toBe(20);
    expect(january.today).toBe(20);
    const february = assess(entries, '2026-02-01T07:00:00Z');
    expect(february.month).toBe('2026-02');
    expect(february.monthToDate).toBe(1);
    expect(february.today).toBe(1);
    expect(february.projected).toBeCloseTo(28, 6);
  });

  it('adds monthly charges whole, without spreading them over the days', () => {
    const withProxy = testCard({ monthly: { proxy: 2.5 } });
    const status = assessBudget({
      budget: 25,
      entries: [entry('r1', '2026-11-01', 0.1)],
      card: withProxy,
      policy: DEFAULT_POLICY,
      now: new Date('2026-11-01T10:00:00Z'),
    });
    expect(status.monthToDate).toBeCloseTo(2.6, 6);
    expect(status.projected).toBeCloseTo(2.5 + 0.1 * 30, 6);
    expect(status.breakdown).toEqual({ captcha: 0.1, proxy: 2.5 });
  });
});

describe("the month-end projection's warning (the guide's $20 of a $25 budget)", () => {
  it.each([
    [20, 25, 'ok'],
    [20.01, 25, 'warning'],
    // A $50 budget moves the edge to $40 (80 %).
    [40, 50, 'ok'],
    [40.01, 50, 'warning'],
  ])('$%d projected on a $%d budget reads %s', (projected, budget, level) => {
    expect(projectionLevelFor(projected, budget)).toBe(level);
  });

  it.each([
    [25, 'warning'],
    [50, 'ok'],
  ])('$0.70 a day projects $21: on a $%d budget that is %s', (budget, level) => {
    const days = Array.from({ length: 10 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`);
    const status = assessBudget({
      budget,
      entries: days.map((day, i) => entry(`r${i}`, day, 0.7)),
      card,
      policy: DEFAULT_POLICY,
      now: new Date('2026-11-10T10:00:00Z'),
    });
    expect(status.projected).toBeCloseTo(21, 6);
    expect(status.projectionLevel).toBe(level);
    // $7 spent so far is far inside the budget: only the projection warns.
    expect(status.level).toBe('ok');
  });
});

describe('levels, gates and severity', () => {
  it.each([
    [0, 'ok', true, true, 'none'],
    [14.99, 'ok', true, true, 'none'],
    [15, 'info', true, true, 'none'],
    [20, 'warning', true, true, 'none'],
    [23.74, 'warning', true, true, 'none'],
    [23.75, 'critical', false, false, 'none'],
    [27.5, 'critical', false, false, 'none'],
    [27.51, 'critical', false, false, 'P2'],
    [30.01, 'critical', false, false, 'P1'],
    [37.5, 'critical', false, false, 'P1'],
    [37.51, 'critical', false, false, 'P0'],
  ])('$%d of $25 is %s (scrape %s, llm %s, severity %s)', (spent, level, scrape, llm, severity) => {
    const status = assess(spent ? [entry('r1', '2026-11-10', spent)] : [], '2026-11-10T10:00:00Z');
    expect(status).toMatchObject({ level, allowScrape: scrape, allowLlm: llm, severity });
  });

  it('reports how far over budget in percent', () => {
    const status = assess([entry('r1', '2026-11-10', 40)], '2026-11-10T10:00:00Z');
    expect(status.overBudgetPercent).toBeCloseTo(60, 6);
    expect(budgetReason(status)).toBe(
      'month to date $40.00 is 160.0 % of the $25.00 budget (critical), 60.0 % over budget (P0); scrape and llm switched off by policy; the county collection continues',
    );
  });

  it.each([
    [{ scrape: 'warning', llm: 'critical' }, 'warning', false, true],
    [{ scrape: 'warning', llm: 'critical' }, 'critical', false, false],
    [{ scrape: 'never', llm: 'info' }, 'critical', true, false],
    [{ scrape: 'info', llm: 'info' }, 'ok', true, true],
    [{ scrape: 'info', llm: 'info' }, 'info', false, false],
  ] as const)('policy %j at %s allows scrape %s, llm %s', (policy, level, scrape, llm) => {
    expect(stageAllowed('scrape', level, policy)).toBe(scrape);
    expect(stageAllowed('llm', level, policy)).toBe(llm);
  });

  it('maps utilization and overrun to the guide’s thresholds', () => {
    expect([0.59, 0.6, 0.79, 0.8, 0.94, 0.95, 2].map(levelFor)).toEqual([
      'ok',
      'info',
      'info',
      'warning',
      'warning',
      'critical',
      'critical',
    ]);
    expect([0, 10, 10.1, 20, 20.1, 50, 50.1].map(severityFor)).toEqual([
      'none',
      'none',
      'P2',
      'P2',
      'P1',
      'P1',
      'P0',
    ]);
  });

  it('is ok with zero cost when nothing was spent', () => {
    const status = assess([], '2026-11-28T10:00:00Z');
    expect(status).toMatchObject({
      level: 'ok',
      monthToDate: 0,
      projected: 0,
      utilization: 0,
      allowScrape: true,
      allowLlm: true,
      runs: 0,
    });
    expect(budgetReason(status)).toBe(
      'month to date $0.00 is 0.0 % of the $25.00 budget (ok); all stages allowed',
    );
  });
});
