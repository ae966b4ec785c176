import type { Logger } from '../../../shared/logger.js';
import type { IncidentIssue, IncidentRepo } from './incident-repo.js';
import type { Severity } from './severity.js';

/** What happened to the incident issue. */
export type IncidentAction = 'opened' | 'commented' | 'reopened' | 'closed' | 'none';

/** One report of a component's outcome, inputs already validated. */
export interface IncidentReport {
  status: 'failure' | 'success';
  component: string;
  /** Error class and step, free text; required for a failure, narrows a success when given. */
  signature: string;
  /** What the failing step said (the issue's "Last message"); the signature when not given. */
  message?: string;
  /** The preflight check that failed, when one did. */
  check?: string;
  /**
   * Signatures of the steps that did their work in this run. When given, a success closes (and
   * resets the count of) only incidents of these: a step skipped or not run is no recovery.
   */
  succeeded: string[];
  severity: Severity | 'auto';
  /** Markdown, or a folder of downloaded stage artifacts whose run-stats describe the failure. */
  details: string;
  /** Consecutive failing runs before an issue opens; 0 means the severity's default. */
  threshold: number;
  reopenWindowDays: number;
  flapHours: number;
  /** Extra labels for new issues. */
  labels: string[];
  runId: string;
  runUrl: string | undefined;
  /** Values never to post: the token and anything the caller listed. */
  secrets: string[];
}

/** What the action did. */
export interface IncidentOutcome {
  action: IncidentAction;
  /** The issue acted on, or 0 when none. */
  issueNumber: number;
  fingerprint: string;
  /** Failing runs counted for the fingerprint (below the threshold: the pending count). */
  occurrences: number;
  severity: Severity | undefined;
  /** One sentence for the summary: why this action was taken. */
  reason: string;
  dryRun: boolean;
}

/** What the lifecycle needs: the repository's issues, a logger and a clock. */
export interface IncidentDeps {
  repo: IncidentRepo;
  logger: Logger;
  now: () => Date;
}

const HOUR_MS = 3_600_000;

/** Hours from `since` to `now`; Infinity when `since` is unknown. */
export function hoursSince(since: string | null | undefined, now: Date): number {
  return since ? (now.getTime() - Date.parse(since)) / HOUR_MS : Infinity;
}

/** Issues of `fingerprint` that are real incidents (not closed as a duplicate), lowest number first. */
export function incidentsOf(issues: IncidentIssue[], fingerprint: string): IncidentIssue[] {
  return issues
    .filter((issue) => issue.fingerprint === fingerprint)
    .filter(
      (issue) => issue.stateReason !== 'duplicate' && issue.incident?.duplicateOf === undefined,
    )
    .sort((a, b) => a.number - b.number);
}
