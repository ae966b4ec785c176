import { errorCount } from './details.js';
import {
  incidentsOf,
  type IncidentDeps,
  type IncidentOutcome,
  type IncidentReport,
} from './incident.js';
import { incidentBody, incidentTitle } from './issue-body.js';
import { INCIDENT_LABEL, incidentLabels } from './labels.js';
import { withIncidentState, type IncidentState } from './markers.js';
import { commentRepeat, type Failure } from './repeat.js';

/** Opens the issue, then re-lists: if a concurrent job opened one first, ours closes as its duplicate. */
export async function openIssue(
  report: IncidentReport,
  failure: Failure,
  seen: { runs: number; firstSeen: string },
  deps: IncidentDeps,
): Promise<IncidentOutcome> {
  const now = deps.now().toISOString();
  const state: IncidentState = {
    v: 1,
    fingerprint: failure.fingerprint,
    component: report.component,
    severity: failure.severity,
    occurrences: seen.runs,
    firstSeen: seen.firstSeen,
    lastSeen: now,
    lastRunId: report.runId,
    ...(report.runUrl ? { firstRunUrl: report.runUrl } : {}),
    ...(failure.occurrence.details.stats.length
      ? { lastErrorCount: failure.occurrence.details.stats.reduce((n, s) => n + errorCount(s), 0) }
      : {}),
  };
  const labels = incidentLabels(failure.severity, report.component, report.labels);
  await deps.repo.ensureLabels(labels);
  const title = incidentTitle(report.component, report.signature, report.secrets);
  const created = await deps.repo.create(
    title,
    incidentBody(state, failure.occurrence),
    labels.map((label) => label.name),
  );
  const opened: IncidentOutcome = {
    action: 'opened',
    issueNumber: created.number,
    fingerprint: failure.fingerprint,
    occurrences: seen.runs,
    severity: failure.severity,
    reason:
      seen.runs > 1 ? `${seen.runs} failing runs in a row reached the threshold` : 'first failure',
    dryRun: deps.repo.dryRun,
  };
  if (deps.repo.dryRun) return opened;
  const first = incidentsOf(await deps.repo.listByLabel(INCIDENT_LABEL), failure.fingerprint).find(
    (issue) => issue.state === 'open',
  );
  if (!first || first.number >= created.number) return opened;
  deps.logger.info(
    `issue #${first.number} was opened concurrently for the same fingerprint; closing #${created.number} as its duplicate`,
  );
  await deps.repo.update(created.number, {
    body: withIncidentState(created.body, { ...state, duplicateOf: first.number }),
    state: 'closed',
    state_reason: 'duplicate',
    duplicate_issue_id: first.id,
  });
  const outcome = await commentRepeat(first, report, failure, deps);
  return {
    ...outcome,
    reason: `a concurrent job opened #${first.number} first; #${created.number} closed as its duplicate`,
  };
}
