import type { BudgetFigures } from './budget.js';
import { latestCoverage, type LatestCoverage } from './coverage-section.js';
import { money } from './format.js';
import { compare, periodTotals, type ComparisonRow, type PeriodTotals } from './comparison.js';
import { measureKpis, type Kpi } from './kpis.js';
import type { MarketView } from './market.js';
import { errorRows, type ErrorRow, type Incident } from './error-rows.js';
import { qualityRows } from './quality-rows.js';
import { totalCollected, type RunSummary } from './run-summary.js';
import { reportStatus, subjectLine, type ReportStatus } from './status.js';

/** Report periods and their length in days. */
export const PERIOD_DAYS = { daily: 1, weekly: 7, monthly: 30 } as const;
/** `daily`, `weekly` or `monthly`. */
export type ReportKind = keyof typeof PERIOD_DAYS;

/** Something the reader should act on; `url` links to it. */
export interface ActionItem {
  text: string;
  url?: string;
}

/** Everything a report shows, computed once and rendered as HTML, text and Markdown. */
export interface Report {
  kind: ReportKind;
  title: string;
  subject: string;
  status: ReportStatus;
  /** Phoenix dates of the period, e.g. `2026-11-21 to 2026-11-27`. */
  periodLabel: string;
  generatedAt: string;
  runs: RunSummary[];
  totals: PeriodTotals;
  /** Against the previous period of the same length; empty without history. */
  comparison: ComparisonRow[];
  kpis: Kpi[];
  byZip: Array<{ zip: string; county: number; mls: number; total: number }>;
  /** Parcel coverage and listing frontier per ZIP, as the latest run of the period left them. */
  coverage: LatestCoverage;
  errors: ErrorRow[];
  budget: BudgetFigures | undefined;
  quality: Array<{ measure: string; value: string }>;
  actionItems: ActionItem[];
  market: MarketView | undefined;
  /** Caveats: missing artifacts, sources not configured. */
  notes: string[];
  runUrl: string | undefined;
}

export type { ErrorRow } from './error-rows.js';

/** What a report is built from. */
export interface ReportSources {
  kind: ReportKind;
  now: Date;
  runs: RunSummary[];
  previousRuns: RunSummary[] | undefined;
  budget: BudgetFigures | undefined;
  market: MarketView | undefined;
  incidents: Incident[];
  notes: string[];
  runUrl: string | undefined;
  /** This workflow run's id and its jobs' results (empty when not given). */
  runId?: string;
  jobs?: ReadonlyArray<{ name: string; result: string }>;
}

const FAILED_JOB = new Set(['failure', 'cancelled']);

/**
 * The status once this run's failed jobs count: failure when the run left no results of its own
 * (it failed before collecting, e.g. in its preflight), else at least partial.
 */
function withJobs(status: ReportStatus, sources: ReportSources, failedJobs: number): ReportStatus {
  if (failedJobs === 0) return status;
  const ownResults = sources.runs.some((run) => run.runId === sources.runId);
  if (!ownResults) return 'failure';
  return status === 'failure' ? status : 'partial';
}

const PHOENIX_OFFSET_MS = -7 * 3_600_000; // America/Phoenix keeps UTC-7 all year.
const phoenixDate = (time: number): string =>
  new Date(time + PHOENIX_OFFSET_MS).toISOString().slice(0, 10);

/** Builds the report: status, KPIs, tables and action items from runs, budget and market. */
export function buildReport(sources: ReportSources): Report {
  const { kind, now, runs, budget } = sources;
  const end = now.getTime();
  const start = end - PERIOD_DAYS[kind] * 86_400_000;
  const periodLabel =
    kind === 'daily' ? phoenixDate(end) : `${phoenixDate(start)} to ${phoenixDate(end - 1)}`;
  const title = `PHX pipeline ${kind} report ${periodLabel}`;
  const kpis = measureKpis(runs, budget);
  const failedJobs = (sources.jobs ?? []).filter((job) => FAILED_JOB.has(job.result));
  const status = withJobs(reportStatus(runs, kpis, budget?.level), sources, failedJobs.length);
  const totals = periodTotals(runs);
  const byZip = new Map<string, { county: number; mls: number }>();
  for (const run of runs)
    for (const [zip, counts] of Object.entries(run.byZip)) {
      const row = byZip.get(zip) ?? { county: 0, mls: 0 };
      row.county += counts.county;
      row.mls += counts.mls;
      byZip.set(zip, row);
    }
  const zips = [...byZip]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([zip, c]) => ({ zip, ...c, total: c.county + c.mls }));
  const actionItems: ActionItem[] = failedJobs.map((job) => ({
    text: `Job ${job.name} ended ${job.result} in this run`,
    ...(sources.runUrl ? { url: sources.runUrl } : {}),
  }));
  actionItems.push(
    ...sources.incidents.map((incident) => ({
      text: `Open incident #${incident.number}`,
      ...(incident.url ? { url: incident.url } : {}),
    })),
  );
  for (const kpi of kpis.filter((k) => k.level === 'critical' || k.level === 'warning'))
    actionItems.push({
      text: `${kpi.name} is ${kpi.value}: ${kpi.level} (target ${kpi.target}; ${kpi.alerts})`,
    });
  if (budget && ['warning', 'critical'].includes(budget.level))
    actionItems.push({
      text: `Budget level ${budget.level}: ${budget.utilization ?? '?'} % of the month's budget spent`,
    });
  else if (budget?.projectionLevel === 'warning')
    actionItems.push({
      text: `Month-end projection ${money(budget.projected)} is above 80 % of the budget (warning)`,
    });
  return {
    kind,
    title,
    subject: subjectLine(
      title,
      status,
      runs.reduce((t, r) => t + totalCollected(r), 0),
    ),
    status,
    periodLabel,
    generatedAt: now.toISOString(),
    runs,
    totals,
    comparison: sources.previousRuns ? compare(totals, periodTotals(sources.previousRuns)) : [],
    kpis,
    byZip: zips,
    coverage: latestCoverage(
      runs,
      zips.map((row) => row.zip),
    ),
    errors: errorRows(runs, sources.incidents),
    budget,
    quality: qualityRows(runs),
    actionItems,
    market: sources.market,
    notes: sources.notes,
    runUrl: sources.runUrl,
  };
}
