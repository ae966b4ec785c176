import { describe, expect, it } from 'vitest';
import { parseBudget } from '../../../actions/send-report/src/budget.js';
import { measureKpis } from '../../../actions/send-report/src/kpis.js';
import { renderText } from '../../../actions/send-report/src/render-text.js';
import { buildReport } from '../../../actions/send-report/src/report.js';
import { summariseRuns } from '../../../actions/send-report/src/run-summary.js';
import { reportSections } from '../../../actions/send-report/src/sections.js';
import type { StageRun } from '../../../actions/send-report/src/stage-runs.js';

/** One county shard's stage run: `fetched` parcels, `failed` server errors, in `minutes`. */
function county(fetched: number, failed: number, minutes: number): StageRun {
  const startedAt = '2026-11-28T10:00:00.000Z';
  return {
    runId: 'r1',
    stage: 'collect-county',
    shard: '85031',
    outcome: 'success',
    startedAt,
    finishedAt: new Date(Date.parse(startedAt) + minutes * 60_000).toISOString(),
    durationMs: minutes * 60_000,
    counts: { 'parcels-fetched': fetched, 'parcels-failed': failed },
    errorsByClass: { server: failed },
    retries: 0,
    usage: [],
  };
}

const budget = (projected: string, projectionLevel = 'ok') =>
  parseBudget(
    JSON.stringify({
      level: 'ok',
      utilization: '20',
      'month-to-date': '5',
      projected,
      'projection-level': projectionLevel,
      'run-cost': '0.1',
      'cost-per-property': '0.003',
    }),
  );

/** Uptime and cost per property come from GitHub and the ledger: unknown here. */
const NO_EXTRAS = { uptime: null, costPerProperty: null };

function dailyReport(run: StageRun, figures = budget('6.51')) {
  return buildReport({
    kind: 'daily',
    now: new Date('2026-11-28T14:00:00.000Z'),
    runs: summariseRuns([run]),
    previousRuns: undefined,
    budget: figures,
    market: undefined,
    incidents: [],
    notes: [],
    runUrl: undefined,
    openIncidents: { incidents: [], problem: 'no github-token was given' },
    nights: { workflow: 'data-collection.yml', runs: [], ranBefore: false, problem: 'no token' },
    database: undefined,
    databaseProblem: undefined,
  });
}

/** The report's text part, as the operator reads it in the email. */
const text = (report: ReturnType<typeof dailyReport>) =>
  renderText(report, reportSections(report), []);

describe("KPI levels from the guide's alert table", () => {
  it.each([
    // success 95 %, errors 5 %, 30 min: all inside the guide's ranges.
    [950, 50, 30, 'ok', 'ok', 'ok'],
    // The guide's warning band: success 80-90 %, errors 10-25 %, 60-120 minutes.
    [850, 150, 90, 'warning', 'warning', 'warning'],
    // 70-80 % success falls in no band of the guide: a warning, not yet critical; edges are warnings.
    [750, 250, 120, 'warning', 'warning', 'warning'],
    // Exactly 90 % success, 10 % errors, 60 minutes: still ok.
    [900, 100, 60, 'ok', 'ok', 'ok'],
    // Critical: success below 70 %, errors above 25 %, over 120 minutes.
    [690, 310, 121, 'critical', 'critical', 'critical'],
  ])('%i collected, %i failed in %i min', (fetched, failed, minutes, success, errors, duration) => {
    const kpis = measureKpis(
      summariseRuns([county(fetched, failed, minutes)]),
      undefined,
      NO_EXTRAS,
    );
    const level = (name: string) => kpis.find((kpi) => kpi.name === name)?.level;
    expect([
      level('Collection success rate'),
      level('Error rate'),
      level('Cycle duration'),
    ]).toEqual([success, errors, duration]);
  });

  it('leaves KPIs without figures unknown rather than guessing', () => {
    const kpis = measureKpis([], undefined, NO_EXTRAS);
    expect(kpis.every((kpi) => kpi.level === 'unknown' && kpi.value === 'n/a')).toBe(true);
  });
});

describe('throughput, which the guide only warns about', () => {
  it('reads 850/hour as ok: the warning starts below 800/hour', () => {
    const report = dailyReport(county(850, 0, 60));
    expect(report.kpis.find((kpi) => kpi.name === 'Throughput')).toMatchObject({
      value: '850/hour',
      level: 'ok',
    });
    expect(report.actionItems.map((item) => item.text).join('\n')).not.toContain('Throughput');
  });

  it('reads a slow night as a warning, never critical, and leaves the subject clean', () => {
    const report = dailyReport(county(100, 0, 60));
    expect(report.kpis.find((kpi) => kpi.name === 'Throughput')?.level).toBe('warning');
    expect(report.status).toBe('success');
    expect(report.subject).toBe('✅ PHX pipeline daily report 2026-11-28: 100 properties');
    expect(report.actionItems.map((item) => item.text)).toContain(
      'Throughput is 100/hour: warning (target ≥ 1,500 properties/hour; warning < 800/hour, no critical level)',
    );
  });
});

describe('the KPI table', () => {
  it("shows each KPI's warning and critical levels beside its target", () => {
    const mail = text(dailyReport(county(850, 150, 90)));
    expect(mail).toMatch(
      /Collection success rate\s+85\.0 %\s+≥ 95 %\s+warning < 90\.0 %, critical < 70\.0 %\s+warning/,
    );
    expect(mail).toMatch(
      /Error rate\s+15\.0 %\s+≤ 3 %\s+warning > 10\.0 %, critical > 25\.0 %\s+warning/,
    );
    expect(mail).toMatch(
      /Cycle duration\s+90\.0 min\s+≤ 30 min\s+warning > 60\.0 min, critical > 120\.0 min\s+warning/,
    );
    expect(mail).toMatch(
      /Cost per property\s+\$0\.0001\s+< \$0\.01\s+warning > \$0\.0100, no critical level\s+ok/,
    );
  });

  it('marks a critical KPI as needing attention in the subject', () => {
    const report = dailyReport(county(690, 310, 30));
    expect(report.status).toBe('partial');
    expect(report.subject).toMatch(/^⚠️ .*completed with issues/);
  });
});

describe("the month-end projection (the guide's warning above $20 of $25)", () => {
  it('says the projection is a warning in the cost section and the action items', () => {
    const report = dailyReport(county(950, 50, 30), budget('21.40', 'warning'));
    const mail = text(report);
    expect(mail).toContain('Projected at month end: $21.40 (warning: above 80 % of the budget)');
    expect(report.actionItems.map((item) => item.text)).toContain(
      'Month-end projection $21.40 is above 80 % of the budget (warning)',
    );
  });

  it('says nothing more when the projection is inside 80 % of the budget', () => {
    const report = dailyReport(county(950, 50, 30), budget('19.90'));
    expect(text(report)).toContain('Projected at month end: $19.90\n');
    expect(report.actionItems).toEqual([]);
  });
});
