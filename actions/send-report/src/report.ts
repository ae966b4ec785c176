import { actionItems, type ActionItem } from './action-items.js';
import type { BudgetFigures } from './budget.js';
import { costPerProperty, type CostPerProperty } from './cost-per-property.js';
import { latestCoverage, type LatestCoverage } from './coverage-section.js';
import { compare, periodTotals, type ComparisonRow, type PeriodTotals } from './comparison.js';
import { measureKpis, type Kpi } from './kpis.js';
import type { MarketView } from './market.js';
import { errorRows, type ErrorRow } from './error-rows.js';
import type { OpenIncidents } from './open-incidents.js';
import { phoenixDate } from './phoenix-day.js';
import { qualityRows } from './quality-rows.js';
import { byZipRows } from './by-zip.js';
import { totalCollected, type RunSummary } from './run-summary.js';
import { PERIOD_DAYS, UPTIME_DAYS, type ReportKind } from './report-kind.js';
import { reportStatus, subjectLine, type ReportStatus } from './status.js';
import { measureUptime, type Uptime } from './uptime.js';
import type { DatabaseView, ReportSources } from './report-sources.js';

export type { ActionItem } from './action-items.js';

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
  /** Open incident issues read from GitHub, or why they could not be. */
  openIncidents: OpenIncidents;
  uptime: Uptime;
  costPerProperty: CostPerProperty;
  database: DatabaseView;
  /** Caveats: missing artifacts, sources not configured. */
  notes: string[];
  runUrl: string | undefined;
}

export type { ErrorRow } from './error-rows.js';

export type { DatabaseView, ReportSources } from './report-sources.js';

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

/** Builds the report: status, KPIs, tables and action items from runs, budget and market. */
export function buildReport(sources: ReportSources): Report {
  const { kind, now, runs, budget } = sources;
  const end = now.getTime();
  const start = end - PERIOD_DAYS[kind] * 86_400_000;
  const periodLabel =
    kind === 'daily' ? phoenixDate(end) : `${phoenixDate(start)} to ${phoenixDate(end - 1)}`;
  const title = `PHX pipeline ${kind} report ${periodLabel}`;
  const failedJobs = (sources.jobs ?? []).filter((job) => FAILED_JOB.has(job.result));
  const cost = costPerProperty(kind, runs, budget, sources.database?.costByRun ?? new Map());
  // Tonight's own run is up unless a job failed or it left nothing: the status before uptime.
  const runStatus = withJobs(reportStatus(runs, [], budget?.level), sources, failedJobs.length);
  const uptime = measureUptime(sources.nights, {
    today: phoenixDate(end),
    days: UPTIME_DAYS[kind],
    ownRunId: sources.runId,
    ownRunUp: failedJobs.length === 0 && runStatus !== 'failure',
    ownRunIsTonight: kind === 'daily' && (sources.jobs ?? []).length > 0,
  });
  const kpis = measureKpis(runs, budget, { uptime: uptime.share, costPerProperty: cost.value });
  const status = withJobs(reportStatus(runs, kpis, budget?.level), sources, failedJobs.length);
  const totals = periodTotals(runs);
  const zips = byZipRows(runs);
  const incidents = [
    ...sources.incidents,
    ...sources.openIncidents.incidents.map(({ number, url }) => ({ number, url })),
  ].filter((incident, i, all) => all.findIndex((o) => o.number === incident.number) === i);
  const storage = sources.database?.storage;
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
    errors: errorRows(runs, incidents),
    budget,
    quality: qualityRows(runs, sources.database?.accuracy),
    actionItems: actionItems({
      failedJobs,
      runUrl: sources.runUrl,
      incidents: sources.incidents,
      openIncidents: sources.openIncidents.incidents,
      kpis,
      budget,
      databaseProblem: sources.databaseProblem,
      storage,
    }),
    market: sources.market,
    openIncidents: sources.openIncidents,
    uptime,
    costPerProperty: cost,
    database: {
      problem: sources.databaseProblem,
      storage,
      accuracy: sources.database?.accuracy,
    },
    notes: sources.notes,
    runUrl: sources.runUrl,
  };
}
