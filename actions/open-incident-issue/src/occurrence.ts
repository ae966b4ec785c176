import { errorCount } from './details.js';
import type { IncidentDeps, IncidentReport } from './incident.js';
import type { IncidentIssue } from './incident-repo.js';
import { incidentBody, type Occurrence } from './issue-body.js';
import { incidentLabels, withSeverity } from './labels.js';
import type { IncidentState } from './markers.js';
import { moreSevere, type Severity } from './severity.js';

/** A failure of a known incident: its severity as assessed now and the occurrence to show. */
export interface Failure {
  fingerprint: string;
  severity: Severity;
  occurrence: Occurrence;
}

const errorsOf = (failure: Failure): number =>
  failure.occurrence.details.stats.reduce((sum, stats) => sum + errorCount(stats), 0);

/** The state an issue continues from; rebuilt from the failure when its marker was edited away. */
function priorState(
  issue: IncidentIssue,
  report: IncidentReport,
  failure: Failure,
  now: string,
): IncidentState {
  return (
    issue.incident ?? {
      v: 1,
      fingerprint: failure.fingerprint,
      component: report.component,
      severity: failure.severity,
      occurrences: 1,
      firstSeen: issue.closedAt ?? now,
      lastSeen: now,
    }
  );
}

/** The state after one more failing run. */
export function nextState(
  previous: IncidentState,
  report: IncidentReport,
  failure: Failure,
  now: string,
): IncidentState {
  return {
    ...previous,
    severity: moreSevere(previous.severity, failure.severity),
    occurrences: previous.occurrences + 1,
    lastSeen: now,
    lastRunId: report.runId,
    lastErrorCount: failure.occurrence.details.stats.length
      ? errorsOf(failure)
      : previous.lastErrorCount,
  };
}

/** "What changed" lines comparing this occurrence with the state before it. */
export function changes(previous: IncidentState, next: IncidentState, failure: Failure): string[] {
  const lines = [
    next.severity === previous.severity
      ? `- Severity: ${next.severity}, unchanged`
      : `- Severity: raised from ${previous.severity} to ${next.severity}`,
    `- Previous occurrence: ${previous.lastSeen}`,
  ];
  if (failure.occurrence.details.stats.length) {
    const before =
      previous.lastErrorCount === undefined
        ? ''
        : ` (previous occurrence: ${previous.lastErrorCount})`;
    lines.push(`- Errors in this run: ${errorsOf(failure)}${before}`);
  }
  return lines;
}

/** The run as a Markdown link when its URL is known. */
export const runText = (report: IncidentReport): string =>
  report.runUrl ? `[${report.runId}](${report.runUrl})` : report.runId;

/** Writes a new occurrence onto `issue` (body first, so a failed comment loses no count). */
export async function recordOccurrence(
  issue: IncidentIssue,
  report: IncidentReport,
  failure: Failure,
  deps: IncidentDeps,
  change: { reopen: boolean },
): Promise<{ previous: IncidentState; next: IncidentState }> {
  const now = deps.now().toISOString();
  const previous = priorState(issue, report, failure, now);
  const next = nextState(previous, report, failure, now);
  if (change.reopen) {
    next.reopenedAt = now;
    delete next.closedAt;
  }
  const labels =
    next.severity === previous.severity ? undefined : withSeverity(issue.labels, next.severity);
  if (labels)
    await deps.repo.ensureLabels(incidentLabels(next.severity, report.component, []).slice(1, 2));
  await deps.repo.update(issue.number, {
    body: incidentBody(next, failure.occurrence),
    ...(labels ? { labels } : {}),
    ...(change.reopen ? { state: 'open' as const } : {}),
  });
  return { previous, next };
}
