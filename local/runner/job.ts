import type { Job } from '@actions/workflow-parser/model/workflow-template';
import { evaluateToken, type Contexts } from './expressions.js';
import { minutes, stringMap } from './text.js';
import { runJobStep, type JobState, type StepRecords, type StepTiming } from './job-step.js';
import type { CacheStore } from './cache-store.js';
import type { PostStep } from './marketplace.js';
import type { Reporter } from './report.js';
import { killGroup } from './step-process.js';
import type { StepHost } from './steps.js';
import type { RawParts } from './workflow.js';

export type { StepTiming } from './job-step.js';
import { makeJobFolders, removeJobFolders } from './workspace.js';

/** How a job instance ended, with its outputs and its steps' timings. */
export interface JobResult {
  /** `cancelled` also when the job ran out of its `timeout-minutes`, as GitHub's runner reports. */
  result: 'success' | 'failure' | 'cancelled' | 'skipped';
  outputs: Record<string, string>;
  steps: StepTiming[];
}

/** One instance of a job (one matrix combination) and what it runs with. */
export interface JobInstance {
  job: Job;
  raw: RawParts | undefined;
  label: string;
  contexts: Contexts;
  host: Pick<StepHost, 'baseEnv' | 'actionEnv' | 'masks'>;
  /** The run's snapshot of the repository, which `actions/checkout` gives the job. */
  snapshot: string;
  cache: CacheStore;
  /** The instance's own folder: logs, and its workspace, temp and home while it runs. */
  dir: string;
  reporter: Reporter;
  /** The instance's name in the reporter's events. */
  key: string;
  /** Aborted when the whole run is cancelled. */
  cancel?: AbortSignal;
}

/**
 * Runs the steps of one job instance on a fresh "runner": its own empty workspace, RUNNER_TEMP,
 * HOME and tool cache, removed at the end with any process its steps left running. Honours `if`,
 * `continue-on-error`, step timeouts (the step fails) and the job's timeout or a cancellation
 * (the running step is stopped by SIGINT, SIGTERM, SIGKILL; later steps run only if their `if`
 * holds when cancelled; the job is `cancelled`).
 */
export async function runJob(instance: JobInstance): Promise<JobResult> {
  const { job, raw, reporter, key } = instance;
  const folders = await makeJobFolders(instance.dir);
  const contexts: Contexts = {
    ...instance.contexts,
    github: { ...(instance.contexts.github as object), workspace: folders.workspace },
    runner: {
      ...(instance.contexts.runner as object),
      temp: folders.temp,
      tool_cache: folders.toolCache,
    },
  };
  const posts: PostStep[] = [];
  const pids: number[] = [];
  const stop = new AbortController();
  const plain = { success: true, failure: false, cancelled: false };
  const jobMs = minutes(evaluateToken(raw?.job['timeout-minutes'], contexts, plain), 360);
  const onCancel = () => stop.abort('cancelled');
  if (instance.cancel?.aborted) onCancel();
  instance.cancel?.addEventListener('abort', onCancel, { once: true });
  const timer = setTimeout(() => {
    reporter.message(
      `job ${instance.label}: has exceeded the maximum execution time of ${jobMs / 60_000} minutes`,
    );
    stop.abort('timeout');
  }, jobMs);
  const host: StepHost = {
    ...instance.host,
    baseEnv: {
      ...instance.host.baseEnv,
      HOME: folders.home,
      RUNNER_TEMP: folders.temp,
      RUNNER_TOOL_CACHE: folders.toolCache,
      GITHUB_WORKSPACE: folders.workspace,
    },
    workspace: folders.workspace,
    jobDir: instance.dir,
    marketplace: {
      snapshot: instance.snapshot,
      folders,
      cache: instance.cache,
      addPost: (post) => posts.push(post),
    },
    started: (pid) => pids.push(pid),
  };
  const jobEnv = {
    ...stringMap(contexts.env),
    ...stringMap(evaluateToken(job.env, contexts, plain)),
  };
  const steps: StepRecords = {};
  const state: JobState = { failed: false, env: jobEnv, path: [] };
  const timings: StepTiming[] = [];
  try {
    for (const [index, step] of job.steps.entries()) {
      await runJobStep(
        { step, index, raw: raw?.steps[index] ?? {}, contexts, host, stop: stop.signal },
        { state, steps, timings, reporter, key, dir: instance.dir },
      );
    }
    for (const post of posts.reverse()) {
      if (post.onlyOnSuccess && (state.failed || stop.signal.aborted)) continue;
      const started = Date.now();
      const note = await post.run().catch((error: Error) => `failed: ${error.message}`);
      const ms = Date.now() - started;
      reporter.event({
        type: 'step-finished',
        key,
        step: post.label,
        outcome: 'success',
        ms,
        note,
      });
      timings.push({ name: post.label, outcome: 'success', ms });
    }
  } finally {
    clearTimeout(timer);
    instance.cancel?.removeEventListener('abort', onCancel);
    // A hosted runner is thrown away after the job: nothing a step started outlives it.
    for (const pid of pids) killGroup(pid);
    await removeJobFolders(folders);
  }
  const finalView = { ...contexts, env: state.env, steps };
  const plainStatus = { success: !state.failed, failure: state.failed, cancelled: false };
  return {
    result: stop.signal.aborted ? 'cancelled' : state.failed ? 'failure' : 'success',
    outputs: stringMap(evaluateToken(job.outputs, finalView, plainStatus)),
    steps: timings,
  };
}
