import { median } from './market.js';
import { totalCollected, type RunSummary } from './run-summary.js';
import { runStatus } from './status.js';

/** Totals of one period's runs. */
export interface PeriodTotals {
  runs: number;
  failedRuns: number;
  collected: number;
  stored: number;
  /** Collected over attempted, over all runs; null when nothing was attempted. */
  successRate: number | null;
  errors: number;
  retries: number;
  medianDurationMs: number | null;
}

/** One row of a period-over-period table. */
export interface ComparisonRow {
  metric: string;
  current: string;
  previous: string;
  /** Signed change, e.g. `+12.5 %` or `+3`; `n/a` without a previous value. */
  change: string;
}

/** Totals of `runs`. */
export function periodTotals(runs: readonly RunSummary[]): PeriodTotals {
  const collected = runs.reduce((total, run) => total + totalCollected(run), 0);
  const failed = runs.reduce((total, run) => total + run.failed.county + run.failed.mls, 0);
  return {
    runs: runs.length,
    failedRuns: runs.filter((run) => runStatus(run) === 'failure').length,
    collected,
    stored: runs.reduce((total, run) => total + (run.stored ?? 0), 0),
    successRate: collected + failed === 0 ? null : collected / (collected + failed),
    errors: runs.reduce((total, run) => total + run.errors, 0),
    retries: runs.reduce((total, run) => total + run.retries, 0),
    medianDurationMs: median(runs.map((run) => run.durationMs)),
  };
}

const count = (value: number | null): string =>
  value === null ? 'n/a' : value.toLocaleString('en-US');
const percent = (value: number | null): string =>
  value === null ? 'n/a' : `${(value * 100).toFixed(1)} %`;
const minutes = (value: number | null): string =>
  value === null ? 'n/a' : `${(value / 60_000).toFixed(1)} min`;

function relative(current: number | null, previous: number | null): string {
  if (current === null || previous === null) return 'n/a';
  if (previous === 0) return current === 0 ? '0 %' : 'new';
  const change = ((current - previous) / previous) * 100;
  return `${change >= 0 ? '+' : ''}${change.toFixed(1)} %`;
}

function points(current: number | null, previous: number | null): string {
  if (current === null || previous === null) return 'n/a';
  const change = (current - previous) * 100;
  return `${change >= 0 ? '+' : ''}${change.toFixed(1)} pts`;
}

type Format = (value: number | null) => string;
type Change = (current: number | null, previous: number | null) => string;

/** The table's rows: label, figure, how to show it, how to show its change. */
const METRICS: Array<[string, keyof PeriodTotals, Format, Change]> = [
  ['Runs', 'runs', count, relative],
  ['Failed runs', 'failedRuns', count, relative],
  ['Properties collected', 'collected', count, relative],
  ['Properties stored', 'stored', count, relative],
  ['Success rate', 'successRate', percent, points],
  ['Errors', 'errors', count, relative],
  ['Median duration', 'medianDurationMs', minutes, relative],
];

/** The period-over-period table (week over week, month over month, day over day). */
export function compare(current: PeriodTotals, previous: PeriodTotals): ComparisonRow[] {
  return METRICS.map(([metric, key, format, change]) => ({
    metric,
    current: format(current[key]),
    previous: format(previous[key]),
    change: change(current[key], previous[key]),
  }));
}
