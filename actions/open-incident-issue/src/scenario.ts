import type { Severity } from './severity.js';

/** The failure scenarios an incident can carry a runbook for. */
export const SCENARIOS = [
  'database-unreachable',
  'llm-down',
  'budget-exceeded',
  'county-auth-refused',
  'listing-site-blocking',
  'source-outage',
  'missed-nightly-run',
  'other',
] as const;
/** One failure scenario. */
export type Scenario = (typeof SCENARIOS)[number];

interface ScenarioRule {
  scenario: Scenario;
  /** Severity when the run's metrics say nothing more severe (see `severityFromMetrics`). */
  severity: Severity;
  matches(component: string, signature: string): boolean;
}

const rules: ScenarioRule[] = [
  {
    // No collection for over an hour is the guide's first P0 example.
    scenario: 'missed-nightly-run',
    severity: 'P0',
    matches: (component, text) =>
      component === 'watchdog' || /missed|did not (?:run|start)|no (?:nightly )?run/.test(text),
  },
  {
    scenario: 'budget-exceeded',
    severity: 'P1',
    matches: (component, text) =>
      component === 'budget' || component === 'check-budget' || /budget|cost overrun/.test(text),
  },
  {
    // The guide lists a database failure as P0: nothing is stored while it lasts.
    scenario: 'database-unreachable',
    severity: 'P0',
    matches: (component, text) =>
      component === 'database' ||
      /mongo|database|server selection|27017|ferretdb/.test(text) ||
      (component === 'store-mongo' && /network|timeout|refused|auth/.test(text)),
  },
  {
    scenario: 'llm-down',
    severity: 'P2',
    matches: (component, text) =>
      /ollama|llm|model .*not found/.test(text) || component === 'enrich-llm',
  },
  {
    scenario: 'county-auth-refused',
    severity: 'P1',
    matches: (component, text) =>
      component === 'collect-county' && /auth|401|403|unauthori[sz]ed|forbidden|token/.test(text),
  },
  {
    scenario: 'listing-site-blocking',
    severity: 'P2',
    matches: (component, text) =>
      component === 'scrape-mls' && /block|captcha|403|429|waf|cloudflare|challenge/.test(text),
  },
  {
    // A source that stopped answering after the preflight: a single component failing, P2.
    scenario: 'source-outage',
    severity: 'P2',
    matches: (component, text) =>
      (component === 'collect-county' || component === 'scrape-mls') &&
      /outage|unavailable|\b5\d\d\b|server error|timed? ?out|econnrefused|econnreset|did not answer|not reachable|unreachable|network|\bserver \d|\b0 (?:parcels|pages|listings) collected/.test(
        text,
      ),
  },
];

/** The scenario a failure belongs to, from its component and signature, and its base severity. */
export function detectScenario(
  component: string,
  signature: string,
): { scenario: Scenario; severity: Severity } {
  const text = signature.toLowerCase();
  const rule = rules.find((candidate) => candidate.matches(component, text));
  return rule
    ? { scenario: rule.scenario, severity: rule.severity }
    : { scenario: 'other', severity: 'P2' };
}
