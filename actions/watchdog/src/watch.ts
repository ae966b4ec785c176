import { PipelineError } from '../../../shared/errors.js';
import { withGroup, type Logger } from '../../../shared/logger.js';
import {
  hoursBetween,
  NIGHTLY_EVENTS,
  runFindings,
  stateFinding,
  type Finding,
  type Policy,
} from './findings.js';
import { firstRun, type FirstRun } from './first-run.js';
import type { RunInfo, WorkflowApi, WorkflowInfo } from './workflow-api.js';

/** What to watch and what the watchdog may do. */
export interface WatchOptions extends Policy {
  /** Workflow files whose runs are watched (and which are kept alive). */
  workflows: string[];
  /** Further workflow files that are only kept alive: their runs are not judged. */
  keepaliveWorkflows: string[];
  /** Only runs on this branch count; undefined counts every branch. */
  branch: string | undefined;
  /** Call `PUT .../enable` on each workflow so its schedule is not disabled for inactivity. */
  keepalive: boolean;
  /**
   * The emergency stop's reason, or undefined: while paused, a nightly that did not run was
   * stopped on purpose, so no missed-run is found (stuck, failing and disabled still are).
   */
  paused: string | undefined;
  dryRun: boolean;
  now: Date;
}

/** What the watchdog found for one workflow. */
export interface WorkflowCheck {
  file: string;
  workflow: WorkflowInfo;
  /** Whether the runs were judged; false for a workflow that is only kept alive. */
  watched: boolean;
  /** The newest nightly run (schedule or dispatch), any status. */
  lastRun: RunInfo | undefined;
  /** Hours since the newest nightly run was created; undefined when there is none. */
  hoursSinceLastRun: number | undefined;
  /** For a watched workflow that never ran: when its first run is due. */
  firstRun: FirstRun | undefined;
  findings: Finding[];
  /** The missed-run not reported because the pipeline is paused; undefined otherwise. */
  heldWhilePaused: Finding | undefined;
  /** Whether `PUT .../enable` was called and answered 204. */
  keptAlive: boolean;
}

/**
 * Keeps the schedule alive with `PUT .../enable`: it re-activates a workflow disabled for
 * inactivity, and on an active one it restarts the 60-day count (observed by its users, not
 * documented by GitHub). A manually disabled workflow is left alone: a person chose that. A
 * refusal becomes a finding, so what was already read is not lost.
 */
async function keepAlive(
  api: WorkflowApi,
  check: WorkflowCheck,
  options: WatchOptions,
  logger: Logger,
): Promise<void> {
  const { state } = check.workflow;
  if (!options.keepalive || (state !== 'active' && state !== 'disabled_inactivity')) return;
  // The enable call moves `updated_at`, which is all that says when a workflow that never ran
  // was enabled; and a workflow enabled so recently needs no keepalive yet.
  if (check.firstRun && state === 'active')
    return logger.info(`${check.file} has not run yet: no keepalive until it has`);
  const verb = state === 'active' ? 'keep alive' : 're-enable';
  if (options.dryRun) return logger.info(`dry run: would ${verb} ${check.file} (PUT enable)`);
  try {
    await api.enable(check.file);
    check.keptAlive = true;
    logger.info(state === 'active' ? `kept ${check.file} alive` : `re-enabled ${check.file}`);
    const disabled = check.findings.find((finding) => finding.kind === 'disabled');
    if (disabled) disabled.message += '; the watchdog re-enabled it';
  } catch (error) {
    if (!(error instanceof PipelineError)) throw error;
    logger.error(error.message);
    check.findings.push({
      kind: 'keepalive-refused',
      message: `could not ${verb}: ${error.message}`,
    });
  }
}

/** Checks one workflow: state, recent runs when `watched`, findings, then keepalive. */
async function checkWorkflow(
  api: WorkflowApi,
  file: string,
  watched: boolean,
  options: WatchOptions,
  logger: Logger,
): Promise<WorkflowCheck> {
  const workflow = await api.workflow(file, watched ? 'workflows' : 'keepalive-workflows');
  const runs = watched ? await api.recentRuns(file, options.branch) : [];
  logger.info(`${file}: state ${workflow.state}, ${runs.length} recent run(s) read`);
  logger.debug(JSON.stringify(runs.slice(0, 5)));
  const lastRun = runs.find((run) => NIGHTLY_EVENTS.includes(run.event));
  const first =
    watched && !lastRun
      ? firstRun(workflow.updatedAt, options.schedule, options.maxAgeHours)
      : undefined;
  const disabled = stateFinding(workflow);
  const found = watched ? runFindings(runs, options, options.now, first) : [];
  const held = options.paused ? found.find((finding) => finding.kind === 'missed-run') : undefined;
  const check: WorkflowCheck = {
    file,
    workflow,
    watched,
    lastRun,
    hoursSinceLastRun: lastRun ? hoursBetween(lastRun.createdAt, options.now) : undefined,
    firstRun: first,
    findings: [...(disabled ? [disabled] : []), ...found.filter((finding) => finding !== held)],
    heldWhilePaused: held,
    keptAlive: false,
  };
  await keepAlive(api, check, options, logger);
  for (const finding of check.findings)
    logger.warning(`${file}: ${finding.kind}: ${finding.message}`);
  return check;
}

/** Checks every watched workflow, then keeps the others alive, each in its own log group. */
export async function watchWorkflows(
  api: WorkflowApi,
  options: WatchOptions,
  logger: Logger,
): Promise<WorkflowCheck[]> {
  const extra = options.keepaliveWorkflows.filter((file) => !options.workflows.includes(file));
  const checks: WorkflowCheck[] = [];
  for (const [file, watched] of [
    ...options.workflows.map((file) => [file, true] as const),
    ...[...new Set(extra)].map((file) => [file, false] as const),
  ])
    checks.push(
      await withGroup(logger, `Workflow ${file}`, () =>
        checkWorkflow(api, file, watched, options, logger),
      ),
    );
  return checks;
}
