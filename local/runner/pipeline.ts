import { mkdir, readdir, rm } from 'node:fs/promises';
import { CacheStore } from './cache-store.js';
import { snapshotTree } from './workspace.js';
import { downloadRunArtifacts } from './run-artifacts.js';
import { earlierRun, writeIssues, writeSummary, type RunSummary } from './run-summary.js';
import { basename, dirname, join, resolve } from 'node:path';
import type { Logger } from '../../shared/logger.js';
import { startLocalDefaults, type LocalDefaults } from './local-defaults.js';
import { seconds, type Reporter } from './report.js';
import { runWorkflow, scheduleOf } from './run-workflow.js';
import type { WorkflowRunResult } from './workflow-run.js';
import { dispatchInputs } from './matrix-and-inputs.js';
import { loadWorkflow } from './workflow.js';
import type { WorkflowJobInput } from '../sandbox/github/types.js';
import { countyProfile, type ScaleOptions } from '../sandbox/county/scale-profile.js';

/**
 * A local run of a workflow: which, with what, and where its output goes. `scale`, `timeScale` and
 * `parcelsPerZip` size the sandboxes (`--scale`, `--time-scale`, `--parcels-per-zip`).
 */
export interface PipelineOptions extends ScaleOptions {
  workflowPath: string;
  event: 'schedule' | 'workflow_dispatch';
  /** For `schedule`: which cron fired (default the workflow's first). */
  schedule?: string;
  inputs: Record<string, string>;
  /** Secrets and vars from `--env-file` (one namespace for both, as in a `.env` file). */
  configured: Record<string, string>;
  job?: string;
  workspace: string;
  /**
   * `out/` by default; the run writes to `<outRoot>/<run-id>/`, and what outlives runs (artifacts,
   * caches, the local database) lives in `<outRoot>/.state/`.
   */
  outRoot: string;
  runId?: string;
  /** "Re-run failed jobs" of this earlier run: its failed jobs and their dependents, as attempt 2+. */
  rerunFailed?: string;
  /** Starts the local database over (its folder in `.state/` is removed first). */
  freshDatabase?: boolean;
  logger: Logger;
  reporter: Reporter;
  signal?: AbortSignal;
}

/** The run's outcome, its folder, and the defaults it ran against (closed already unless kept). */
export interface PipelineRun extends WorkflowRunResult {
  runId: string;
  outDir: string;
  defaults: LocalDefaults;
}

/** Starts the local defaults, runs the workflow, writes `result.json` and shuts everything down. */
export async function runPipeline(
  options: PipelineOptions,
  keepOpen = false,
): Promise<PipelineRun> {
  const previous = options.rerunFailed
    ? await earlierRun(options.outRoot, options.rerunFailed)
    : undefined;
  const trigger = previous ?? options;
  const runId = options.rerunFailed ?? options.runId ?? String(Date.now());
  const attempt = (previous?.attempt ?? 0) + 1;
  const outDir = resolve(options.outRoot, runId);
  const stateDir = resolve(options.outRoot, '.state');
  const workflow = await loadWorkflow(options.workflowPath);
  // Checked before anything starts, so a misspelt --input fails at once.
  dispatchInputs(workflow, trigger.event, trigger.inputs);
  if (trigger.event === 'schedule') scheduleOf(workflow, trigger.schedule);
  countyProfile(options);
  await mkdir(outDir, { recursive: true });
  if (options.freshDatabase) await rm(join(stateDir, 'database'), { recursive: true, force: true });
  // What actions/checkout gives every job of this attempt, taken once as a commit is.
  const snapshot = join(outDir, `checkout-${attempt}`);
  const files = await snapshotTree(options.workspace, snapshot);
  options.logger.info(`Checkout: ${files} files of ${options.workspace} for every job`);
  const defaults = await startLocalDefaults({
    stateDir,
    runId,
    logger: options.logger,
    configured: options.configured,
    scale: options.scale,
    timeScale: options.timeScale,
    parcelsPerZip: options.parcelsPerZip,
    seed: options.seed,
  });
  const secrets = { ...defaults.secrets, ...options.configured };
  const vars = { ...defaults.vars, ...options.configured };
  const started = Date.now();
  const repository = options.configured.GITHUB_REPOSITORY ?? 'local/phx-property-pipeline';
  const [owner = 'local', repo = 'phx-property-pipeline'] = repository.split('/');
  const finished: WorkflowJobInput[] = [];
  const file = basename(options.workflowPath);
  if (defaults.github) {
    // The emulator knows the repository's workflows, so the watchdog can look them up locally.
    const files = await readdir(dirname(options.workflowPath));
    for (const name of files.filter((entry) => /\.ya?ml$/.test(entry))) {
      defaults.github.state.addWorkflow(owner, repo, { file: name });
    }
  }
  try {
    const attemptNote = attempt > 1 ? ` (attempt ${attempt}: re-running failed jobs)` : '';
    options.reporter.message(
      `workflow ${workflow.name}: run ${runId}${attemptNote}, output in ${outDir}`,
    );
    const result = await runWorkflow({
      workflow,
      event: trigger.event,
      schedule: trigger.schedule,
      inputs: trigger.inputs,
      attempt,
      previous,
      snapshot,
      cache: new CacheStore(join(stateDir, 'cache')),
      secrets,
      vars,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        ...(process.env.CHROMIUM_PATH ? { CHROMIUM_PATH: process.env.CHROMIUM_PATH } : {}),
        ...(process.env.PIPELINE_CACHE_DIR
          ? { PIPELINE_CACHE_DIR: process.env.PIPELINE_CACHE_DIR }
          : {}),
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        GITHUB_RUN_ID: runId,
        GITHUB_RUN_NUMBER: '1',
        GITHUB_REPOSITORY: repository,
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_WORKFLOW: workflow.name,
        GITHUB_EVENT_NAME: trigger.event,
        RUNNER_OS: 'Linux',
        ...defaults.env,
      },
      runId,
      outDir,
      actionEnv: defaults.actionEnv,
      onlyJob: options.job,
      signal: options.signal,
      reporter: options.reporter,
      jobDone: (job) => {
        finished.push({
          name: job.name,
          status: 'completed',
          conclusion: job.conclusion,
          started_at: job.startedAt.toISOString(),
          completed_at: job.completedAt.toISOString(),
          labels: ['ubuntu-latest'],
        });
        defaults.github?.state.addWorkflowRun(owner, repo, { id: Number(runId), jobs: finished });
      },
    });
    const ms = Date.now() - started;
    const downloaded = await downloadRunArtifacts(
      defaults.actionEnv('run-page', runId),
      join(outDir, 'artifacts'),
    ).catch((error: Error) => `artifacts not downloaded: ${error.message}`);
    options.reporter.message(`${downloaded} into ${join(outDir, 'artifacts')}`);
    defaults.github?.state.addWorkflowRun(owner, repo, {
      id: Number(runId),
      jobs: finished,
      workflow: file,
      event: trigger.event,
      conclusion: result.conclusion,
      createdAt: new Date(started).toISOString().replace(/\.\d+Z$/, 'Z'),
    });
    options.reporter.close();
    options.reporter.message(`workflow ${workflow.name}: ${result.conclusion} in ${seconds(ms)}`);
    const summary: RunSummary = {
      workflow: workflow.name,
      event: trigger.event,
      schedule: trigger.schedule,
      inputs: trigger.inputs,
      runId,
      startedAt: new Date(started).toISOString(),
      ms,
      ...result,
    };
    await writeSummary(outDir, summary, previous);
    if (defaults.github) {
      const issues = await writeIssues(outDir, defaults.github.state, owner, repo);
      for (const issue of issues) {
        options.reporter.message(`issue #${issue.number} (${issue.state}): ${issue.title}`);
      }
    }
    return { ...result, runId, outDir, defaults };
  } finally {
    await rm(snapshot, { recursive: true, force: true });
    if (!keepOpen) await defaults.close();
  }
}
