/** Budget levels, gate policy and incident severity: the guide's thresholds as code. */

/** Budget levels, lowest first. */
export const LEVELS = ['ok', 'info', 'warning', 'critical'] as const;
/** How much of the monthly budget has been spent, as a level. */
export type Level = (typeof LEVELS)[number];

/** The guide's alert thresholds as fractions of the budget: 60 % info, 80 % warning, 95 % critical. */
export const LEVEL_THRESHOLDS: ReadonlyArray<readonly [Level, number]> = [
  ['critical', 0.95],
  ['warning', 0.8],
  ['info', 0.6],
];

/** The level for a utilization (month to date / budget). */
export function levelFor(utilization: number): Level {
  for (const [level, threshold] of LEVEL_THRESHOLDS) if (utilization >= threshold) return level;
  return 'ok';
}

/** The guide's month-end projection warning as a share of the budget: above $20 of $25. */
export const PROJECTION_WARNING = 0.8;

/** `warning` when the month-end projection is above 80 % of the budget, else `ok`. */
export function projectionLevelFor(projected: number, budget: number): 'ok' | 'warning' {
  return projected > budget * PROJECTION_WARNING ? 'warning' : 'ok';
}

/** Costly stages the budget can switch off. */
export const GATED_STAGES = ['scrape', 'llm'] as const;
/** A stage the policy can gate. */
export type GatedStage = (typeof GATED_STAGES)[number];
/** The level at which each stage is switched off; `never` keeps it on. */
export type GatePolicy = Record<GatedStage, Level | 'never'>;

/** The default: scraping and LLM enrichment stop at critical; the county API is free and goes on. */
export const DEFAULT_POLICY: GatePolicy = { scrape: 'critical', llm: 'critical' };

/** Whether `stage` may run at `level` under `policy`. */
export function stageAllowed(stage: GatedStage, level: Level, policy: GatePolicy): boolean {
  const off = policy[stage];
  return off === 'never' || LEVELS.indexOf(level) < LEVELS.indexOf(off);
}

/** Incident severity for a cost overrun, from the guide's matrix; `none` within 10 %. */
export type Severity = 'none' | 'P2' | 'P1' | 'P0';

/** P0 over 50 % above budget, P1 over 20 %, P2 over 10 % (the matrix's 10-20 % band). */
export function severityFor(overBudgetPercent: number): Severity {
  if (overBudgetPercent > 50) return 'P0';
  if (overBudgetPercent > 20) return 'P1';
  if (overBudgetPercent > 10) return 'P2';
  return 'none';
}
