import type { RunStats } from '../../../shared/model/run-stats.js';
import { withGroup } from '../../../shared/logger.js';
import { handleFailure } from './failure.js';
import type { IncidentDeps, IncidentOutcome, IncidentReport } from './incident.js';
import { judgeNight, parseComponents, parseNight, type ComponentFailure } from './night.js';
import { budgetVerdict } from './night-budget.js';
import { collectionRates, degradedFailure, type CollectionRate } from './night-rates.js';
import { budgetSeverityOf, rateFailures, type RatedFailure } from './night-severity.js';
import { handleSuccess } from './recovery.js';
import { SEVERITIES } from './severity.js';

/** What the nightly passes: its jobs, which component each is, the run's stats and the budget. */
export interface NightRequest {
  night: string;
  components: string;
  budget: string;
  /** The workflow's own component (e.g. `data-collection`): its incidents close on a clean night. */
  umbrella: string;
  stats: RunStats[];
}

/** One component's outcome tonight. */
export interface ComponentOutcome extends IncidentOutcome {
  component: string;
  status: 'failure' | 'success';
}

/** The whole night's outcome: every component acted on, and the one the outputs name. */
export interface NightOutcome extends IncidentOutcome {
  components: ComponentOutcome[];
}

function details(failure: RatedFailure, rates: readonly CollectionRate[], runUrl?: string): string {
  const lines = [
    `**Severity reason:** ${failure.why}.`,
    ...(failure.jobs.length ? [`**Jobs:** ${failure.jobs.join(', ')}`] : []),
  ];
  const rate = rates.find((entry) => entry.component === failure.component);
  if (rate && rate.rate !== null)
    lines.push(
      `**Collection tonight:** ${rate.collected} collected, ${rate.failed} given up (${(rate.rate * 100).toFixed(1)} %) over ${rate.shards} shard(s).`,
    );
  if (runUrl) lines.push(`**Run:** ${runUrl}`);
  return lines.join('\n\n');
}

/** The outcome the action's outputs name: the most severe failure, else the first change. */
function headline(outcomes: ComponentOutcome[]): IncidentOutcome {
  const rank = (outcome: ComponentOutcome): number =>
    outcome.status === 'failure' ? SEVERITIES.indexOf(outcome.severity ?? 'P3') : 10;
  const sorted = [...outcomes].sort((a, b) => rank(a) - rank(b));
  const pick =
    sorted.find((o) => o.status === 'failure') ?? sorted.find((o) => o.action !== 'none');
  return (
    pick ?? {
      action: 'none',
      issueNumber: 0,
      fingerprint: '',
      occurrences: 0,
      severity: undefined,
      reason: 'every component that ran tonight worked; no open incident to close',
      dryRun: false,
    }
  );
}

/** Failures and working components tonight, with the collectors' rates and the budget folded in. */
export function assessNight(request: NightRequest): {
  failures: RatedFailure[];
  worked: string[];
  rates: CollectionRate[];
} {
  const verdicts = judgeNight(parseNight(request.night), parseComponents(request.components));
  const rates = collectionRates(request.stats);
  const failures: ComponentFailure[] = [...verdicts.failures];
  const worked = new Set(verdicts.worked);
  for (const rate of rates) {
    const degraded = worked.has(rate.component) ? degradedFailure(rate) : undefined;
    if (degraded) {
      failures.push(degraded);
      worked.delete(rate.component);
    }
  }
  const budget = budgetVerdict(request.budget);
  if (budget.failure) failures.push(budget.failure);
  if (budget.worked) worked.add('budget');
  const rated = rateFailures(failures, {
    rates,
    worked: [...worked],
    budgetSeverity: budgetSeverityOf(budget.severity),
  });
  return { failures: rated, worked: [...worked], rates };
}

/**
 * The nightly's incidents in one step: each failing component's incident opened, repeated or
 * reopened at the guide's severity with its own runbook and message; each component that worked
 * tonight has its incidents closed; a component that did not run is left as it is.
 */
export async function handleNight(
  request: NightRequest,
  base: IncidentReport,
  deps: IncidentDeps,
): Promise<NightOutcome> {
  const { failures, worked, rates } = assessNight(request);
  const outcomes: ComponentOutcome[] = [];
  for (const failure of failures) {
    const report: IncidentReport = {
      ...base,
      status: 'failure',
      component: failure.component,
      signature: failure.signature,
      message: failure.message,
      ...(failure.check ? { check: failure.check } : {}),
      severity: failure.severity,
      details: details(failure, rates, base.runUrl),
      succeeded: [],
    };
    const outcome = await withGroup(deps.logger, `${failure.component}: failed`, () =>
      handleFailure(report, deps),
    );
    outcomes.push({ ...outcome, component: failure.component, status: 'failure' });
  }
  const clean = failures.every((failure) => failure.component === 'budget');
  const recovered = [...worked, ...(clean && request.umbrella ? [request.umbrella] : [])];
  for (const component of recovered) {
    const report: IncidentReport = {
      ...base,
      status: 'success',
      component,
      signature: '',
      succeeded: [],
    };
    const outcome = await withGroup(deps.logger, `${component}: worked`, () =>
      handleSuccess(report, deps),
    );
    outcomes.push({ ...outcome, component, status: 'success' });
  }
  return { ...headline(outcomes), dryRun: deps.repo.dryRun, components: outcomes };
}
