import { runAction, type ActionDefinition } from '../../../shared/action.js';
import { runnerArtifactClient } from '../../../shared/io/artifact.js';
import { checkBudget, type CheckBudgetDeps, type CheckBudgetResult } from './check-budget.js';
import { checkBudgetInputs } from './inputs.js';
import { budgetSummary } from './summary.js';

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

/** The `check-budget` action with its outside world given by `deps`. */
export function createCheckBudgetAction(
  deps: CheckBudgetDeps,
): ActionDefinition<typeof checkBudgetInputs, CheckBudgetResult> {
  return {
    name: 'check-budget',
    inputs: checkBudgetInputs,
    secrets: ['githubToken', 'mongodbUri'],
    execute: (inputs, logger) => checkBudget(inputs, deps, logger),
    outputs: ({ status, reason, runCost, costPerProperty }) => ({
      level: status.level,
      utilization: round(status.utilization * 100, 2),
      'month-to-date': round(status.monthToDate, 4),
      projected: round(status.projected, 4),
      'projection-level': status.projectionLevel,
      'run-cost': round(runCost, 4),
      'cost-per-property': round(costPerProperty, 6),
      'allow-scrape': status.allowScrape,
      'allow-llm': status.allowLlm,
      reason,
      'over-budget-percent': round(status.overBudgetPercent, 2),
      severity: status.severity,
      breakdown: Object.fromEntries(
        Object.entries(status.breakdown).map(([service, cost]) => [service, round(cost, 4)]),
      ),
    }),
    // A budget check that fails keeps the costly stages off: spending blind is the risk to avoid.
    failureOutputs: {
      level: 'unknown',
      utilization: 0,
      'month-to-date': 0,
      projected: 0,
      'projection-level': 'unknown',
      'run-cost': 0,
      'cost-per-property': 0,
      'allow-scrape': false,
      'allow-llm': false,
      reason: 'budget check failed',
      'over-budget-percent': 0,
      severity: 'none',
      breakdown: {},
    },
    summary: budgetSummary,
  };
}

/** The action as runners run it: the real clock, environment and artifact client. */
export const action = createCheckBudgetAction({
  now: () => new Date(),
  env: process.env,
  // Outside a runner there is no artifact service: usage artifacts cannot be read, nothing uploads.
  artifactClient: runnerArtifactClient(),
});

/** Entry point for the bundle. */
export const run = () => runAction(action);
