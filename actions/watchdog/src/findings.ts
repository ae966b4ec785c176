import type { CronSchedule } from './cron.js';
import type { FirstRun } from './first-run.js';
import type { RunInfo, WorkflowInfo } from './workflow-api.js';

/** What can be wrong with a nightly workflow, most serious first; this order picks the signature. */
export const FINDING_KINDS = [
  'disabled',
  'missed-run',
  'stuck-run',
  'failing-run',
  'keepalive-refused',
] as const;
/** One kind of problem. */
export type FindingKind = (typeof FINDING_KINDS)[number];

/**
 * The guide's severity where it differs from open-incident-issue's own reading of a watchdog
 * incident (the missed-run scenario, P0): a run stuck for over `stuck-hours` is the guide's P1
 * "processing delays > 4 hours". `auto` leaves the severity to open-incident-issue.
 */
export function severityOf(kind: FindingKind | undefined): 'P1' | 'auto' {
  return kind === 'stuck-run' ? 'P1' : 'auto';
}

/** One problem with one workflow, with a sentence saying what was seen. */
export interface Finding {
  kind: FindingKind;
  message: string;
}

/** The thresholds a workflow is judged by. */
export interface Policy {
  /** A nightly with no run created within this many hours was missed. */
  maxAgeHours: number;
  /** A run queued or in progress for longer than this is stuck. */
  stuckHours: number;
  /** The watched workflows' schedule: when a workflow that never ran is first due. */
  schedule: CronSchedule;
}

/** Events that count as a nightly attempt: the schedule and a manual dispatch in its place. */
export const NIGHTLY_EVENTS = ['schedule', 'workflow_dispatch'];

/**
 * Conclusions of a nightly whose own incident job never ran (cancelled, timed out, never
 * started). A plain `failure` is left to that job, so one problem never gets two issues.
 */
const FAILED = ['timed_out', 'startup_failure', 'cancelled', 'action_required'];

/**
 * The emergency stop's reason from `PIPELINE_PAUSED`, on one line; undefined when the pipeline
 * runs (empty, or `false` in any case), as the nightly's plan job reads the same variable.
 */
export function pauseReason(value: string): string | undefined {
  const reason = value.replace(/[\r\n]+/g, ' ').trim();
  return reason === '' || reason.toLowerCase() === 'false' ? undefined : reason;
}

/** Hours from `then` to `now`, one decimal. */
export const hoursBetween = (then: Date, now: Date): number =>
  Math.round((now.getTime() - then.getTime()) / 360_000) / 10;

/** The finding for a workflow whose schedule does not run, or undefined when it is active. */
export function stateFinding(workflow: WorkflowInfo): Finding | undefined {
  if (workflow.state === 'active') return undefined;
  return {
    kind: 'disabled',
    message:
      workflow.state === 'disabled_inactivity'
        ? 'GitHub disabled the schedule after 60 days without repository activity'
        : `the workflow is ${workflow.state.replace('_', ' ')}, so its schedule does not run`,
  };
}

/** GitHub's timestamp format, for messages. */
export const isoTime = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Why a workflow that never ran missed its first run, or undefined while that is not due. */
function missedFirst(first: FirstRun | undefined, now: Date): string | undefined {
  if (!first) return 'no nightly run at all';
  if (now <= first.dueBy) return undefined;
  return `no nightly run since the workflow was enabled at ${isoTime(first.since)}; the first scheduled one (${isoTime(first.scheduledAt)}) was due by ${isoTime(first.dueBy)}`;
}

/**
 * The findings from a workflow's runs (newest first) at `now`: missed, stuck, failing. A workflow
 * that never ran has missed a run only once `first` is past due.
 */
export function runFindings(
  runs: RunInfo[],
  policy: Policy,
  now: Date,
  first?: FirstRun,
): Finding[] {
  const findings: Finding[] = [];
  const nightly = runs.filter((run) => NIGHTLY_EVENTS.includes(run.event));
  const newest = nightly[0];
  const missed = newest
    ? hoursBetween(newest.createdAt, now) > policy.maxAgeHours &&
      `no nightly run in the last ${policy.maxAgeHours} h; the newest started ${hoursBetween(newest.createdAt, now)} h ago`
    : missedFirst(first, now);
  if (missed) findings.push({ kind: 'missed-run', message: missed });
  const stuck = nightly.find(
    (run) => run.status !== 'completed' && hoursBetween(run.createdAt, now) > policy.stuckHours,
  );
  if (stuck)
    findings.push({
      kind: 'stuck-run',
      message: `run #${stuck.runNumber} has been ${stuck.status.replace('_', ' ')} for ${hoursBetween(stuck.createdAt, now)} h (limit ${policy.stuckHours} h)`,
    });
  const completed = nightly.find((run) => run.status === 'completed');
  if (completed && FAILED.includes(completed.conclusion ?? ''))
    findings.push({
      kind: 'failing-run',
      message: `the latest completed run #${completed.runNumber} ended ${completed.conclusion}`,
    });
  return findings;
}

/** The most serious of `findings`, or undefined when there are none. */
export function mostSerious(findings: Finding[]): Finding | undefined {
  return [...findings].sort(
    (a, b) => FINDING_KINDS.indexOf(a.kind) - FINDING_KINDS.indexOf(b.kind),
  )[0];
}
