import { withGroup } from '../../../shared/logger.js';
import { fingerprintOf } from './fingerprint.js';
import {
  hoursSince,
  incidentsOf,
  type IncidentDeps,
  type IncidentOutcome,
  type IncidentReport,
} from './incident.js';
import type { IncidentIssue } from './incident-repo.js';
import { componentLabel, INCIDENT_LABEL } from './labels.js';
import { withIncidentState } from './markers.js';
import { FailureTracker } from './tracker.js';

/** Open incidents of the component (of the signature's fingerprint only, when one is given). */
function recovered(
  issues: IncidentIssue[],
  report: IncidentReport,
  fingerprint: string | undefined,
): IncidentIssue[] {
  const candidates = fingerprint
    ? incidentsOf(issues, fingerprint)
    : [...new Set(issues.map((issue) => issue.fingerprint))].flatMap((print) =>
        print ? incidentsOf(issues, print) : [],
      );
  return candidates.filter(
    (issue) =>
      issue.state === 'open' &&
      (issue.incident?.component === report.component ||
        issue.labels.includes(componentLabel(report.component))),
  );
}

/**
 * A successful run: each open incident of the component is closed with a "recovered in run"
 * comment, unless it was reopened less than `flapHours` ago (flap suppression: it then waits for a
 * later success). Pending failures of the component start counting from zero again.
 */
export async function handleSuccess(
  report: IncidentReport,
  deps: IncidentDeps,
): Promise<IncidentOutcome> {
  const fingerprint = report.signature.trim()
    ? fingerprintOf(report.component, report.signature)
    : undefined;
  const now = deps.now();
  const open = await withGroup(deps.logger, 'Find open incidents', async () =>
    recovered(await deps.repo.listByLabel(INCIDENT_LABEL), report, fingerprint),
  );
  const closed: IncidentIssue[] = [];
  const held: IncidentIssue[] = [];
  await withGroup(deps.logger, 'Close recovered incidents', async () => {
    for (const issue of open) {
      const reopened = hoursSince(issue.incident?.reopenedAt, now);
      if (reopened < report.flapHours) {
        deps.logger.info(
          `#${issue.number} reopened ${reopened.toFixed(1)} h ago; left open for now (flap-hours ${report.flapHours})`,
        );
        held.push(issue);
        continue;
      }
      const state = issue.incident;
      const run = report.runUrl ? `[${report.runId}](${report.runUrl})` : report.runId;
      const occurrences = state
        ? ` after ${state.occurrences} failing run(s) since ${state.firstSeen}`
        : '';
      await deps.repo.comment(
        issue.number,
        `**Recovered** in run ${run}${occurrences}. Closing; a failure within ${report.reopenWindowDays} day(s) reopens this issue.`,
      );
      await deps.repo.update(issue.number, {
        ...(state
          ? { body: withIncidentState(issue.body, { ...state, closedAt: now.toISOString() }) }
          : {}),
        state: 'closed',
        state_reason: 'completed',
      });
      closed.push(issue);
    }
  });
  await withGroup(deps.logger, 'Reset failure counts', async () => {
    const tracker = new FailureTracker(deps.repo);
    await tracker.load();
    await tracker.clear(
      (print, component) =>
        component === report.component && (!fingerprint || print === fingerprint),
    );
  });
  const subject = closed[0] ?? held[0];
  return {
    action: closed.length ? 'closed' : 'none',
    issueNumber: subject?.number ?? 0,
    fingerprint: fingerprint ?? subject?.fingerprint ?? '',
    occurrences: subject?.incident?.occurrences ?? 0,
    severity: subject?.incident?.severity,
    reason: closed.length
      ? `recovered: closed ${closed.map((issue) => `#${issue.number}`).join(', ')}`
      : held.length
        ? `recovered, but ${held.map((issue) => `#${issue.number}`).join(', ')} reopened less than ${report.flapHours} h ago stays open (flap suppression)`
        : 'no open incident for this component',
    dryRun: deps.repo.dryRun,
  };
}
