import type { ComponentFailure } from './night.js';
import type { CollectionRate } from './night-rates.js';
import { severityOfRate } from './night-rates.js';
import { detectScenario } from './scenario.js';
import { moreSevere, SEVERITIES, type Severity } from './severity.js';

/** Components that collect: a night in which none of them collected anything collected nothing. */
export const COLLECTORS = ['collect-county', 'scrape-mls'] as const;

/** A failure with the severity the guide's matrix gives it tonight, and why. */
export interface RatedFailure extends ComponentFailure {
  severity: Severity;
  why: string;
}

/** What the night as a whole says, beside each failure's own scenario. */
export interface NightFacts {
  rates: readonly CollectionRate[];
  /** Components that did their work tonight. */
  worked: readonly string[];
  /** check-budget's overrun severity when the budget failure came from it. */
  budgetSeverity?: Severity;
}

const isSeverity = (value: string | undefined): value is Severity =>
  (SEVERITIES as readonly string[]).includes(value ?? '');

/** check-budget's `severity` output as a Severity; undefined for `none` or anything else. */
export const budgetSeverityOf = (value: string | undefined): Severity | undefined =>
  isSeverity(value) ? value : undefined;

/**
 * Each failure's severity by the guide's matrix: the scenario's own (a database failure P0, a
 * refused county token P1, the rest P2), raised to P0 when no collector collected anything tonight
 * ("all data collection stopped"), to P1 when several components fail at once, by the success-rate
 * band of a collector's run, and for the budget by how far the month is over it.
 */
export function rateFailures(
  failures: readonly ComponentFailure[],
  facts: NightFacts,
): RatedFailure[] {
  const components = new Set(
    failures.map((failure) => failure.component).filter((c) => c !== 'budget'),
  );
  const collected =
    facts.rates.some((rate) => rate.collected > 0) ||
    COLLECTORS.some((collector) => facts.worked.includes(collector));
  return failures.map((failure) => {
    if (failure.component === 'budget')
      return {
        ...failure,
        severity: facts.budgetSeverity ?? 'P2',
        why: 'the month is at the critical level or over budget',
      };
    const { severity: base } = detectScenario(
      failure.component,
      `${failure.signature}\n${failure.message}`,
    );
    const reasons: string[] = [];
    // A degraded night (the jobs worked, the rate did not) is graded by its band alone.
    let severity = failure.rate === undefined ? base : (severityOfRate(failure.rate) ?? 'P3');
    const raise = (to: Severity | undefined, why: string): void => {
      if (!to || moreSevere(severity, to) === severity) return;
      severity = to;
      reasons.push(why);
    };
    if (!collected) raise('P0', 'nothing was collected tonight: all data collection stopped');
    if (components.size >= 2) raise('P1', `${components.size} components failed in the same night`);
    const rate = facts.rates.find((entry) => entry.component === failure.component)?.rate;
    if (rate !== null && rate !== undefined)
      raise(severityOfRate(rate), `${(rate * 100).toFixed(1)} % collection success`);
    return { ...failure, severity, why: reasons.join('; ') || 'the scenario' };
  });
}
