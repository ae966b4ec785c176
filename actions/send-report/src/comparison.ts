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

/** The period-over-period table (week over week, month over month, day over day). */
export function compare(current: PeriodTotals, previous: PeriodTotals): ComparisonRow[] {
  const row = (metric: string, c: string, p: string, change: string): ComparisonRow => ({
    metric,
    current: c,
    previous: p,
    change,
  });
  return [
    row('Runs', count(current.runs), count(previous.runs), relative(current.runs, previous.runs)),
    row(
      'Failed runs',
      count(current.failedRuns),
      count(previous.failedRuns),
      relative(current.failedRuns, previous.failedRuns),
    ),
    row(
      'Properties collected',
      count(current.collected),
      count(previous.collected),
      relative(current.collected, previous.collected),
    ),
    row(
      'Properties stored',
      count(current.stored),
      count(previous.stored),
      relative(current.stored, previous.stored),
    ),
    row(
      'Success rate',
      percent(current.successRate),
      percent(previous.successRate),
      points(current.successRate, previous.successRate),
    ),
    row(
      'Errors',
      count(current.errors),
      count(previous.errors),
      relative(current.errors, previous.errors),
    ),
    row(
      'Median duration',
      minutes(current.medianDurationMs),
      minutes(previous.medianDurationMs),
      relative(current.medianDurationMs, previous.medianDurationMs),
    ),
  ];
}
