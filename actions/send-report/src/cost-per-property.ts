import type { BudgetFigures } from './budget.js';
import type { ReportKind } from './report-kind.js';
import { totalCollected, type RunSummary } from './run-summary.js';

/** The period's cost over the properties it processed. */
export interface CostPerProperty {
  /** Dollars per property; null without a cost or without properties. */
  value: number | null;
  cost: number | null;
  properties: number;
  /** What the cost and the properties are, e.g. `$0.21 this run over 2,431 properties ...`. */
  basis: string;
}

/** Properties a run processed: what store-mongo stored (inserted, updated, unchanged), else collected. */
const processed = (run: RunSummary): number => run.stored ?? totalCollected(run);

const count = (value: number): string => value.toLocaleString('en-US');

/**
 * Cost per property on every night: the period's cost (the daily report: this run's, from
 * check-budget; else what check-budget's `costs` ledger holds for the period's runs) divided by
 * the properties those runs processed, stored or collected, not only the first-time inserts.
 */
export function costPerProperty(
  kind: ReportKind,
  runs: readonly RunSummary[],
  budget: BudgetFigures | undefined,
  costByRun: ReadonlyMap<string, number>,
): CostPerProperty {
  let cost: number | null = null;
  let priced: readonly RunSummary[] = runs;
  let source = '';
  if (kind === 'daily' && budget?.runCost != null) {
    cost = budget.runCost;
    source = 'this run, from check-budget';
  } else {
    priced = runs.filter((run) => costByRun.has(run.runId));
    if (priced.length > 0) {
      cost = priced.reduce((total, run) => total + (costByRun.get(run.runId) ?? 0), 0);
      source = `${priced.length} of ${runs.length} runs priced in the cost ledger`;
    }
  }
  const properties = priced.reduce((total, run) => total + processed(run), 0);
  const stored = priced.some((run) => run.stored !== null);
  const what = stored
    ? 'properties processed (inserted, updated or confirmed unchanged by store-mongo)'
    : 'properties collected';
  if (cost === null)
    return { value: null, cost, properties, basis: 'n/a: no cost figures for the period' };
  if (properties === 0)
    return { value: null, cost, properties, basis: `n/a: no properties processed (${source})` };
  return {
    value: cost / properties,
    cost,
    properties,
    basis: `$${cost.toFixed(4)} (${source}) over ${count(properties)} ${what}`,
  };
}
