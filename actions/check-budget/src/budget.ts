import type { LedgerEntry } from './ledger.js';
import {
  levelFor,
  PROJECTION_WARNING,
  projectionLevelFor,
  severityFor,
  stageAllowed,
  type GatePolicy,
  type GatedStage,
  type Level,
  type Severity,
} from './levels.js';
import { phoenixDate } from './phoenix-time.js';
import { roundMicros } from './pricing.js';
import type { RateCard } from './rate-card.js';

/** Where the month stands against the budget, and what the gates say. */
export interface BudgetStatus {
  budget: number;
  /** Phoenix month, `YYYY-MM`. */
  month: string;
  /** Dollars spent this Phoenix month: ledger entries plus the card's monthly charges. */
  monthToDate: number;
  /** Dollars recorded on today's Phoenix date. */
  today: number;
  /** Month-end estimate: monthly charges plus metered cost at this month's daily rate. */
  projected: number;
  /** `warning` when the projection is above 80 % of the budget (the guide's $20 of $25). */
  projectionLevel: 'ok' | 'warning';
  /** monthToDate / budget. */
  utilization: number;
  level: Level;
  /** How far month to date is above the budget, in percent; 0 within it. */
  overBudgetPercent: number;
  severity: Severity;
  allowScrape: boolean;
  allowLlm: boolean;
  /** Stages the policy switched off at this level. */
  gated: GatedStage[];
  /** Dollars this month per service, monthly charges included. */
  breakdown: Record<string, number>;
  /** Runs in the ledger this month. */
  runs: number;
}

/**
 * Month to date, projection, level, gates and severity for the Phoenix month of `now`. The
 * projection spreads the metered cost so far over the days elapsed, today counted whole.
 */
export function assessBudget(options: {
  budget: number;
  entries: readonly LedgerEntry[];
  card: RateCard;
  policy: GatePolicy;
  now: Date;
}): BudgetStatus {
  const { budget, card, policy } = options;
  const date = phoenixDate(options.now);
  const entries = options.entries.filter((entry) => entry.month === date.month);
  const breakdown: Record<string, number> = {};
  let metered = 0;
  let today = 0;
  for (const entry of entries) {
    metered += entry.cost;
    if (entry.day === date.day) today += entry.cost;
    breakdown[entry.service] = (breakdown[entry.service] ?? 0) + entry.cost;
  }
  let fixed = 0;
  for (const [service, charge] of Object.entries(card.monthly)) {
    fixed += charge.price;
    breakdown[service] = (breakdown[service] ?? 0) + charge.price;
  }
  // Sums of many float costs drift; whole micro-dollars keep 15.000000001 from reading as 60 %.
  const monthToDate = roundMicros(metered + fixed);
  const projected = roundMicros(fixed + (metered / date.dayOfMonth) * date.daysInMonth);
  const utilization = monthToDate / budget;
  const level = levelFor(utilization);
  const overBudgetPercent = Math.max(0, ((monthToDate - budget) * 100) / budget);
  const allowScrape = stageAllowed('scrape', level, policy);
  const allowLlm = stageAllowed('llm', level, policy);
  return {
    budget,
    month: date.month,
    monthToDate,
    today: roundMicros(today),
    projected,
    projectionLevel: projectionLevelFor(projected, budget),
    utilization,
    level,
    overBudgetPercent,
    severity: severityFor(overBudgetPercent),
    allowScrape,
    allowLlm,
    gated: [...(allowScrape ? [] : ['scrape' as const]), ...(allowLlm ? [] : ['llm' as const])],
    breakdown: Object.fromEntries(
      Object.entries(breakdown)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([service, cost]) => [service, roundMicros(cost)]),
    ),
    runs: new Set(entries.map((entry) => entry.runId)).size,
  };
}

/** One line on why the gates are as they are, for the `reason` output and the summary. */
export function budgetReason(status: BudgetStatus): string {
  const spent = `month to date $${status.monthToDate.toFixed(2)} is ${(status.utilization * 100).toFixed(1)} % of the $${status.budget.toFixed(2)} budget (${status.level})`;
  const gates = status.gated.length
    ? `${status.gated.join(' and ')} switched off by policy; the county collection continues`
    : 'all stages allowed';
  const over =
    status.overBudgetPercent > 0
      ? `, ${status.overBudgetPercent.toFixed(1)} % over budget (${status.severity})`
      : '';
  return `${spent}${over}; ${gates}`;
}

/** The month-end projection and, above 80 % of the budget, that it is a warning and why. */
export function projectionText(status: BudgetStatus): string {
  const projected = `$${status.projected.toFixed(2)} by month end`;
  if (status.projectionLevel === 'ok') return projected;
  const edge = status.budget * PROJECTION_WARNING;
  return `${projected}, above $${edge.toFixed(2)} (${PROJECTION_WARNING * 100} % of the $${status.budget.toFixed(2)} budget): warning`;
}
