import {
  hoursSince,
  type IncidentDeps,
  type IncidentOutcome,
  type IncidentReport,
} from './incident.js';
import type { IncidentIssue } from './incident-repo.js';
import { changes, recordOccurrence, runText, type Failure } from './occurrence.js';
import { lastMessage } from './issue-body.js';
import { codeBlock, untrusted } from './redact.js';

export type { Failure } from './occurrence.js';

/** A repeat on an open issue: counter and body updated, a comment with the count and what changed. */
export async function commentRepeat(
  issue: IncidentIssue,
  report: IncidentReport,
  failure: Failure,
  deps: IncidentDeps,
): Promise<IncidentOutcome> {
  const { previous, next } = await recordOccurrence(issue, report, failure, deps, {
    reopen: false,
  });
  const message = untrusted(lastMessage(failure.occurrence), report.secrets).slice(0, 2000);
  await deps.repo.comment(
    issue.number,
    [
      `**Occurrence ${next.occurrences}** in run ${runText(report)}.`,
      '',
      'What changed:',
      ...changes(previous, next, failure),
      '',
      codeBlock(message),
    ].join('\n'),
  );
  return {
    action: 'commented',
    issueNumber: issue.number,
    fingerprint: failure.fingerprint,
    occurrences: next.occurrences,
    severity: next.severity,
    reason: `issue #${issue.number} was already open`,
    dryRun: deps.repo.dryRun,
  };
}

/** A regression after recovery: the closed issue reopened with a comment saying when it closed. */
export async function reopenIssue(
  issue: IncidentIssue,
  report: IncidentReport,
  failure: Failure,
  deps: IncidentDeps,
): Promise<IncidentOutcome> {
  const closedHours = hoursSince(issue.closedAt, deps.now());
  const { previous, next } = await recordOccurrence(issue, report, failure, deps, { reopen: true });
  const flapping = closedHours < report.flapHours;
  await deps.repo.comment(
    issue.number,
    [
      `**Regressed** in run ${runText(report)}: occurrence ${next.occurrences}, ${closedHours.toFixed(1)} h after it was closed.`,
      ...(flapping
        ? [
            '',
            `Flapping: it recovered and failed again within ${report.flapHours} h, so it stays open for at least ${report.flapHours} h.`,
          ]
        : []),
      '',
      'What changed:',
      ...changes(previous, next, failure),
    ].join('\n'),
  );
  return {
    action: 'reopened',
    issueNumber: issue.number,
    fingerprint: failure.fingerprint,
    occurrences: next.occurrences,
    severity: next.severity,
    reason: `issue #${issue.number} closed ${closedHours.toFixed(1)} h ago, within the reopen window`,
    dryRun: deps.repo.dryRun,
  };
}
