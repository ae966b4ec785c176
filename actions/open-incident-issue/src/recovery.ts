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

/** Fingerprints of the steps that did their work in this run; undefined when not told. */
function workedThisRun(report: IncidentReport): Set<string> | undefined {
  if (report.succeeded.length === 0) return undefined;
  return new Set(report.succeeded.map((signature) => fingerprintOf(report.component, signature)));
}

const numbers = (issues: IncidentIssue[]): string =>
  issues.map((issue) => `#${issue.number}`).join(', ');

/** One sentence for the summary: what closed, what waits for a later success, and why. */
function recoveryReason(
  closed: IncidentIssue[],
  held: IncidentIssue[],
  idle: IncidentIssue[],
  flapHours: number,
): string {
  const parts = [
    closed.length ? `recovered: closed ${numbers(closed)}` : '',
    held.length
      ? `recovered, but ${numbers(held)} reopened less than ${flapHours} h ago stays open (flap suppression)`
      : '',
    idle.length ? `not a recovery for ${numbers(idle)}: its step did not succeed in this run` : '',
  ].filter((part) => part !== '');
  return parts.length ? parts.join('; ') : 'no open incident for this component';
}

/**
 * A successful run: each open incident of the component is closed with a "recovered in run"
 * comment, unless it was reopened less than `flapHours` ago (flap suppression: it then waits for a
 * later success), or `succeeded` is given and its step is not among them (skipped, gated off: not
 * a recovery). Pending failures of the steps that recovered start counting from zero again.
 */
export async function handleSuccess(
  report: IncidentReport,
  deps: IncidentDeps,
): Promise<IncidentOutcome> {
  const fingerprint = report.signature.trim()
    ? fingerprintOf(report.component, report.signature)
    : undefined;
  const now = deps.now();
  const worked = workedThisRun(report);
  const candidates = await withGroup(deps.logger, 'Find open incidents', async () =>
    recovered(await deps.repo.listByLabel(INCIDENT_LABEL), report, fingerprint),
  );
  const open = candidates.filter((issue) => !worked || worked.has(issue.fingerprint ?? ''));
  const idle = candidates.filter((issue) => !open.includes(issue));
  for (const issue of idle)
    deps.logger.info(`#${issue.number} left open: its step did not succeed in this run`);
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
        component === report.component &&
        (!fingerprint || print === fingerprint) &&
        (!worked || worked.has(print)),
    );
  });
  const subject = closed[0] ?? held[0] ?? idle[0];
  return {
    action: closed.length ? 'closed' : 'none',
    issueNumber: subject?.number ?? 0,
    fingerprint: fingerprint ?? subject?.fingerprint ?? '',
    occurrences: subject?.incident?.occurrences ?? 0,
    severity: subject?.incident?.severity,
    reason: recoveryReason(closed, held, idle, report.flapHours),
    dryRun: deps.repo.dryRun,
  };
}
