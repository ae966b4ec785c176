/** Incident severities from the operations guide's matrix, most severe first. */
export const SEVERITIES = ['P0', 'P1', 'P2', 'P3'] as const;
/** One severity level. */
export type Severity = (typeof SEVERITIES)[number];

/** What a severity means and how fast the guide wants a response and a resolution. */
export interface SeverityTerms {
  label: string;
  meaning: string;
  respond: string;
  resolve: string;
  escalation: string;
  /**
   * Consecutive failing runs before an issue opens when `threshold` is not given: the guide wants
   * a P0-P2 answered within hours, so they open on the first failing night; a P3 (optimisation)
   * waits for three in a row, so one slow night files nothing.
   */
  threshold: number;
  /** Colour of the `severity:pN` label. */
  color: string;
}

/** The guide's matrix (Incident Response Procedures). */
export const SEVERITY_TERMS: Record<Severity, SeverityTerms> = {
  P0: {
    label: 'P0 critical',
    meaning: 'system down, data loss or security breach',
    respond: '15 minutes',
    resolve: '4 hours',
    escalation: 'immediately to the technical lead; updates every 30 minutes',
    threshold: 1,
    color: 'b60205',
  },
  P1: {
    label: 'P1 high',
    meaning: 'a major function impaired',
    respond: '1 hour',
    resolve: '24 hours',
    escalation: 'technical lead after 4 hours; updates every 2 hours',
    threshold: 1,
    color: 'd93f0b',
  },
  P2: {
    label: 'P2 medium',
    meaning: 'a minor function impaired',
    respond: '4 hours',
    resolve: '72 hours',
    escalation: 'supervisor if not resolved in 24 hours; daily updates',
    threshold: 1,
    color: 'fbca04',
  },
  P3: {
    label: 'P3 low',
    meaning: 'optimisation or cosmetic',
    respond: '24 hours',
    resolve: 'the next release',
    escalation: 'standard project management; weekly updates',
    threshold: 3,
    color: '0e8a16',
  },
};

/** The more severe of two severities. */
export function moreSevere(a: Severity, b: Severity): Severity {
  return SEVERITIES.indexOf(a) <= SEVERITIES.indexOf(b) ? a : b;
}

/** What the run's own numbers say, when run-stats came with the details. */
export interface RunMetrics {
  /** Items processed / (processed + errors), 0..1. */
  successRate: number;
  /** Distinct actions whose run-stats say `failure`. */
  failingComponents: number;
}

/**
 * Severity from the metrics by the guide's thresholds: nothing processed at all is P0 (collection
 * stopped), several components failing or under 50 % success is P1, under 90 % P2 (the guide's P2
 * band is 70-90 %; 50-70 % sits between its P1 and P2 and gets the milder), 90-95 % P3; above that
 * the metrics add nothing and undefined is returned.
 */
export function severityFromMetrics(metrics: RunMetrics): Severity | undefined {
  if (metrics.successRate === 0) return 'P0';
  if (metrics.failingComponents >= 2 || metrics.successRate < 0.5) return 'P1';
  if (metrics.successRate < 0.9) return 'P2';
  if (metrics.successRate < 0.95) return 'P3';
  return undefined;
}
