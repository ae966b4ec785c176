import type { Kpi } from './kpis.js';
import type { RunSummary } from './run-summary.js';

/** How the reported runs went: what the subject line states. */
export type ReportStatus = 'success' | 'partial' | 'failure';

const COLLECTING = ['collect-county', 'scrape-mls'];

/** failure: nothing collected or nothing stored; partial: a stage or check fell short. */
export function runStatus(run: RunSummary): ReportStatus {
  const collecting = COLLECTING.flatMap((stage) => run.outcomes[stage] ?? []);
  const ran = collecting.filter((outcome) => outcome !== 'skipped');
  if (ran.length > 0 && ran.every((outcome) => outcome === 'failure')) return 'failure';
  if (run.outcomes['store-mongo']?.includes('failure')) return 'failure';
  const outcomes = Object.values(run.outcomes).flat();
  if (outcomes.some((outcome) => outcome === 'partial' || outcome === 'failure')) return 'partial';
  if (run.integrity !== undefined && run.integrity !== 'ok') return 'partial';
  return 'success';
}

/**
 * The report's status: failure without any run, else the worst run status; a critical KPI or
 * a critical budget makes a successful period `partial` (it needs attention).
 */
export function reportStatus(
  runs: readonly RunSummary[],
  kpis: readonly Kpi[],
  budgetLevel: string | undefined,
): ReportStatus {
  if (runs.length === 0) return 'failure';
  const statuses = runs.map(runStatus);
  if (statuses.includes('failure')) return runs.length === 1 ? 'failure' : 'partial';
  if (statuses.includes('partial')) return 'partial';
  if (kpis.some((kpi) => kpi.level === 'critical') || budgetLevel === 'critical') return 'partial';
  return 'success';
}

const EMOJI: Record<ReportStatus, string> = { success: '✅', partial: '⚠️', failure: '🚨' };

/** `✅ … 2,431 properties`, `⚠️ … completed with issues`, `🚨 … failed`. */
export function subjectLine(title: string, status: ReportStatus, properties: number): string {
  const count = `${properties.toLocaleString('en-US')} properties`;
  const outcome =
    status === 'success'
      ? count
      : status === 'partial'
        ? `completed with issues (${count})`
        : 'failed';
  return `${EMOJI[status]} ${title}: ${outcome}`;
}
