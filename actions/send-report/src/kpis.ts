import type { BudgetFigures } from './budget.js';
import { THRESHOLDS, type Threshold } from './kpi-thresholds.js';
import { totalCollected, type RunSummary } from './run-summary.js';

/** How a KPI stands against the operations guide's target and alert thresholds. */
export type KpiLevel = 'ok' | 'warning' | 'critical' | 'unknown';

/** One KPI of the report. */
export interface Kpi {
  name: string;
  /** The value as shown, e.g. `96.2 %`; `n/a` when unknown. */
  value: string;
  target: string;
  /** Where the warning and critical levels start, e.g. `warning < 90.0 %, critical < 70.0 %`. */
  alerts: string;
  level: KpiLevel;
}

/** The level of `value` against a threshold. */
export function levelOf(threshold: Threshold, value: number | null): KpiLevel {
  if (value === null || !Number.isFinite(value)) return 'unknown';
  const better = (a: number, b: number) => (threshold.direction === 'higher' ? a >= b : a <= b);
  if (better(value, threshold.ok)) return 'ok';
  if (threshold.critical === undefined) return 'warning';
  return better(value, threshold.critical) ? 'warning' : 'critical';
}

/** The levels' edges as an operator reads them; a KPI without a critical level says so. */
export function alertsOf(threshold: Threshold): string {
  const worse = threshold.direction === 'higher' ? '<' : '>';
  const warning = `warning ${worse} ${threshold.format(threshold.ok)}`;
  // No warning band (the guide's uptime): below the target is critical at once.
  if (threshold.critical === threshold.ok)
    return `no warning band, critical ${worse} ${threshold.format(threshold.critical)}`;
  return threshold.critical === undefined
    ? `${warning}, no critical level`
    : `${warning}, critical ${worse} ${threshold.format(threshold.critical)}`;
}

function kpi(key: keyof typeof THRESHOLDS, value: number | null): Kpi {
  const threshold: Threshold = THRESHOLDS[key];
  return {
    name: threshold.name,
    value: value === null || !Number.isFinite(value) ? 'n/a' : threshold.format(value),
    target: threshold.target,
    alerts: alertsOf(threshold),
    level: levelOf(threshold, value),
  };
}

const numberAt = (
  record: Record<string, unknown> | undefined,
  ...path: string[]
): number | null => {
  let value: unknown = record;
  for (const key of path) value = (value as Record<string, unknown> | undefined)?.[key];
  return typeof value === 'number' ? value : null;
};

function mean(values: ReadonlyArray<number | null>): number | null {
  const known = values.filter((value): value is number => value !== null);
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0) / known.length;
}

/** KPIs measured outside the runs: uptime from the workflow's runs, cost per property processed. */
export interface MeasuredElsewhere {
  uptime: number | null;
  costPerProperty: number | null;
}

/** Mean county API response time over the runs' requests, in ms; null without requests. */
export function meanApiLatencyMs(runs: readonly RunSummary[]): number | null {
  const requests = runs.reduce((total, run) => total + run.apiRequests, 0);
  const latency = runs.reduce((total, run) => total + run.apiLatencyMsTotal, 0);
  return requests === 0 ? null : latency / requests;
}

/** The guide's KPIs for a set of runs (averaged over them), the budget figures and the rest. */
export function measureKpis(
  runs: readonly RunSummary[],
  budget: BudgetFigures | undefined,
  elsewhere: MeasuredElsewhere,
): Kpi[] {
  const collected = runs.reduce((total, run) => total + totalCollected(run), 0);
  const attempted = runs.reduce(
    (t, r) => t + totalCollected(r) + r.failed.county + r.failed.mls,
    0,
  );
  const errors = runs.reduce((total, run) => total + run.errors, 0);
  const durationMs = runs.reduce((total, run) => total + run.durationMs, 0);
  const quality = runs.map((run) => run.quality);
  const completeness = mean(
    quality.flatMap((q) =>
      ['county', 'mls', 'llm'].map((source) => numberAt(q, 'completeness', source)),
    ),
  );
  return [
    kpi('success', attempted === 0 ? null : collected / attempted),
    kpi('errors', attempted === 0 ? null : Math.min(1, errors / attempted)),
    kpi('duration', runs.length === 0 ? null : durationMs / runs.length),
    kpi('throughput', durationMs === 0 ? null : collected / (durationMs / 3_600_000)),
    kpi('completeness', completeness),
    kpi('validity', mean(quality.map((q) => numberAt(q, 'validity', 'share')))),
    kpi('dailyCost', runs.length === 1 ? (budget?.runCost ?? null) : null),
    kpi('costPerProperty', elsewhere.costPerProperty),
    kpi('uptime', elsewhere.uptime),
    kpi('apiLatency', meanApiLatencyMs(runs)),
  ];
}
