import type { CheckFailure } from '../../../shared/model/check-failure.js';
import type { CheckResult } from './check.js';

/**
 * The pipeline component each preflight check speaks for, as the nightly's incidents name them: a
 * refused county token is a `collect-county` incident, a database that does not answer a
 * `database` one. Matched on the check's name, which the checks keep stable.
 */
const COMPONENT_OF_CHECK: ReadonlyArray<[RegExp, string]> = [
  [/MONGODB_URI|^database/i, 'database'],
  [/COUNTY_API_TOKEN|^county/i, 'collect-county'],
  [/PROXIES|CAPTCHA|^listing site/i, 'scrape-mls'],
  [/^Ollama/i, 'enrich-llm'],
  [/SMTP|^report /i, 'send-report'],
  [/^GitHub Issues/i, 'open-incident-issue'],
];

/** The component a check belongs to; `preflight` for the run plan and anything unlisted. */
export function componentOfCheck(name: string): string {
  return COMPONENT_OF_CHECK.find(([pattern]) => pattern.test(name))?.[1] ?? 'preflight';
}

/** The checks that ended with an error, each with its component. */
export function checkFailures(checks: readonly CheckResult[]): CheckFailure[] {
  return checks
    .filter((check) => check.status === 'error')
    .map((check) => ({
      check: check.name,
      component: componentOfCheck(check.name),
      message: check.message,
    }));
}

/**
 * Components the preflight alone shows working tonight: only those without a job of their own to
 * prove it (today the `database`, when its URI is well-formed and it answered). A collector whose
 * site answered has not collected anything yet, so it is never listed: its incident closes when
 * its job works.
 */
const PROVEN_BY_PREFLIGHT = new Set(['database']);

/** The components of `PROVEN_BY_PREFLIGHT` every one of whose checks passed (skipped ones aside). */
export function healthyComponents(checks: readonly CheckResult[]): string[] {
  return [...PROVEN_BY_PREFLIGHT].filter((component) => {
    const own = checks.filter(
      (check) => check.status !== 'skipped' && componentOfCheck(check.name) === component,
    );
    return own.length > 0 && own.every((c) => c.status === 'pass' || c.status === 'warning');
  });
}
