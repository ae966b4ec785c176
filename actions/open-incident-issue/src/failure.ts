import { ConfigurationError } from '../../../shared/errors.js';
import { withGroup } from '../../../shared/logger.js';
import { readDetails, runMetrics } from './details.js';
import { fingerprintOf } from './fingerprint.js';
import {
  hoursSince,
  incidentsOf,
  type IncidentDeps,
  type IncidentOutcome,
  type IncidentReport,
} from './incident.js';
import type { IncidentIssue } from './incident-repo.js';
import { INCIDENT_LABEL } from './labels.js';
import { redact } from './redact.js';
import { openIssue } from './open-issue.js';
import { commentRepeat, reopenIssue, type Failure } from './repeat.js';
import { detectScenario } from './scenario.js';
import { moreSevere, severityFromMetrics, SEVERITY_TERMS } from './severity.js';
import { FailureTracker } from './tracker.js';

async function assess(report: IncidentReport): Promise<Failure> {
  const details = await readDetails(report.details);
  const { scenario, severity: base } = detectScenario(
    report.component,
    `${report.signature}\n${report.message ?? ''}`,
  );
  const metrics = runMetrics(details.stats);
  const measured = metrics ? severityFromMetrics(metrics) : undefined;
  const severity =
    report.severity !== 'auto' ? report.severity : moreSevere(base, measured ?? base);
  return {
    fingerprint: fingerprintOf(report.component, report.signature),
    severity,
    occurrence: {
      signature: report.signature,
      ...(report.message ? { message: report.message } : {}),
      ...(report.check ? { check: report.check } : {}),
      scenario,
      details,
      runId: report.runId,
      runUrl: report.runUrl,
      secrets: report.secrets,
    },
  };
}

/** The closed incident to reopen: the most recently closed one, if within the reopen window. */
function reopenable(
  incidents: IncidentIssue[],
  report: IncidentReport,
  now: Date,
): IncidentIssue | undefined {
  const closed = incidents
    .filter((issue) => issue.state === 'closed' && issue.closedAt)
    .sort((a, b) => Date.parse(b.closedAt ?? '') - Date.parse(a.closedAt ?? ''))[0];
  return closed && hoursSince(closed.closedAt, now) <= report.reopenWindowDays * 24
    ? closed
    : undefined;
}

/** A failing run: comment on the open issue, reopen a recent one, or count towards opening one. */
export async function handleFailure(
  report: IncidentReport,
  deps: IncidentDeps,
): Promise<IncidentOutcome> {
  if (report.signature.trim() === '')
    throw new ConfigurationError(
      "input 'signature' is required when status is failure: the error class and step, e.g. 'MongoServerSelectionError in store'",
    );
  const failure = await assess(report);
  deps.logger.info(
    `fingerprint ${failure.fingerprint}, severity ${failure.severity}, scenario ${failure.occurrence.scenario}`,
  );
  const incidents = await withGroup(deps.logger, 'Find the incident issue', async () =>
    incidentsOf(await deps.repo.listByLabel(INCIDENT_LABEL), failure.fingerprint),
  );
  const open = incidents.find((issue) => issue.state === 'open');
  if (open)
    return withGroup(deps.logger, `Comment on #${open.number}`, () =>
      commentRepeat(open, report, failure, deps),
    );
  const closed = reopenable(incidents, report, deps.now());
  if (closed)
    return withGroup(deps.logger, `Reopen #${closed.number}`, () =>
      reopenIssue(closed, report, failure, deps),
    );
  const threshold = report.threshold || SEVERITY_TERMS[failure.severity].threshold;
  const now = deps.now().toISOString();
  if (threshold <= 1)
    return withGroup(deps.logger, 'Open an issue', () =>
      openIssue(report, failure, { runs: 1, firstSeen: now }, deps),
    );
  return withGroup(deps.logger, 'Count towards the threshold', async () => {
    const tracker = new FailureTracker(deps.repo);
    await tracker.load();
    const entry = await tracker.recordFailure({
      fingerprint: failure.fingerprint,
      component: report.component,
      signature: redact(report.signature, report.secrets),
      runId: report.runId,
      now,
    });
    if (entry.runs.length < threshold)
      return {
        action: 'none',
        issueNumber: 0,
        fingerprint: failure.fingerprint,
        occurrences: entry.runs.length,
        severity: failure.severity,
        reason: `failing run ${entry.runs.length} of ${threshold} in a row before an issue opens`,
        dryRun: deps.repo.dryRun,
      };
    const outcome = await openIssue(
      report,
      failure,
      { runs: entry.runs.length, firstSeen: entry.firstSeen },
      deps,
    );
    await tracker.clear((fingerprint) => fingerprint === failure.fingerprint);
    return outcome;
  });
}
