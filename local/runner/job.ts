import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import type { Job } from '@actions/workflow-parser/model/workflow-template';
import { asString, evaluateToken, truthy, type Contexts } from './expressions.js';
import type { CacheStore } from './cache-store.js';
import type { PostStep } from './marketplace.js';
import type { Reporter } from './report.js';
import { killGroup } from './step-process.js';
import { runStep, type StepHost, type StepResult } from './steps.js';
import type { RawParts } from './workflow.js';
import { makeJobFolders, removeJobFolders } from './workspace.js';

/** How one step of a job instance went. */
export interface StepTiming {
  name: string;
  outcome: 'success' | 'failure' | 'cancelled' | 'skipped';
  ms: number;
}

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

function stringMap(value: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) result[key] = asString(item);
  }
  return result;
}

function minutes(value: unknown, fallback: number): number {
  const number = Number(value);
  return (Number.isFinite(number) && number > 0 ? number : fallback) * 60_000;
}

/** `PATH` with the folders earlier steps added through `GITHUB_PATH` in front (latest first). */
function pathEnv(added: string[], base: string | undefined): Record<string, string> {
  return added.length === 0 ? {} : { PATH: [...added, base ?? ''].join(':') };
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
  const steps: Record<
    string,
    { outputs: Record<string, string>; outcome: string; conclusion: string }
  > = {};
  const state = { failed: false, env: jobEnv, path: [] as string[] };
  const timings: StepTiming[] = [];
  try {
    for (const [index, step] of job.steps.entries()) {
      const rawStep = raw?.steps[index] ?? {};
      const cancelled = stop.signal.aborted;
      const view = {
        ...contexts,
        env: state.env,
        steps,
        job: { status: cancelled ? 'cancelled' : state.failed ? 'failure' : 'success' },
      };
      const status = { success: !state.failed, failure: state.failed, cancelled };
      const name = step.name ? asString(evaluateToken(step.name, view, status)) : undefined;
      const uses = 'uses' in step ? step.uses.value : undefined;
      const label = name ?? (uses ? `Run ${uses}` : `Step ${index + 1}`);
      const ifToken = 'if' in step ? step.if : undefined;
      // A step without `if` runs on `success()`, which is false once the job is cancelled.
      const wanted = ifToken
        ? truthy(evaluateToken(ifToken, view, status))
        : !cancelled && !state.failed;
      if (!wanted) {
        reporter.event({ type: 'step-finished', key, step: label, outcome: 'skipped', ms: 0 });
        timings.push({ name: label, outcome: 'skipped', ms: 0 });
        if (!step.id.startsWith('__'))
          steps[step.id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' };
        continue;
      }
      // A step whose `if` still holds when the job is cancelled (`always()`) is not stopped by it.
      const survives =
        cancelled ||
        (ifToken !== undefined &&
          truthy(evaluateToken(ifToken, view, { ...status, cancelled: true })));
      const stepEnv = 'env' in step ? stringMap(evaluateToken(step.env, view, status)) : {};
      const stepView = { ...view, env: { ...state.env, ...stepEnv } };
      reporter.event({ type: 'step-started', key, step: label });
      const started = Date.now();
      let result: StepResult;
      try {
        result = await runStep(
          {
            label,
            uses,
            run: 'run' in step ? asString(evaluateToken(step.run, stepView, status)) : undefined,
            with: stringMap(evaluateToken(rawStep.with, stepView, status)),
            env: { ...state.env, ...stepEnv, ...pathEnv(state.path, host.baseEnv.PATH) },
            timeoutMs: minutes(evaluateToken(rawStep['timeout-minutes'], stepView, status), 360),
            workingDirectory: rawStep['working-directory']
              ? asString(evaluateToken(rawStep['working-directory'], stepView, status))
              : undefined,
          },
          index,
          { ...host, cancel: survives ? undefined : stop.signal },
        );
      } catch (error) {
        const message = (error as Error).message;
        await writeFile(join(instance.dir, `${String(index + 1).padStart(2, '0')}.log`), message);
        result = failedStep(message);
      }
      const ms = Date.now() - started;
      const continueOnError = truthy(evaluateToken(rawStep['continue-on-error'], stepView, status));
      const outcome = result.cancelled
        ? 'cancelled'
        : result.exitCode === 0
          ? 'success'
          : 'failure';
      const conclusion = outcome === 'failure' && continueOnError ? 'success' : outcome;
      reporter.event({
        type: 'step-finished',
        key,
        step: label,
        outcome,
        ms,
        note: result.note,
        tail: outcome === 'success' ? undefined : result.tail.slice(-8),
      });
      timings.push({ name: label, outcome, ms });
      if (!step.id.startsWith('__'))
        steps[step.id] = { outputs: result.outputs, outcome, conclusion };
      Object.assign(state.env, result.env);
      state.path.unshift(...result.path.reverse());
      if (conclusion === 'failure') state.failed = true;
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

function failedStep(message: string): StepResult {
  return {
    exitCode: 1,
    timedOut: false,
    cancelled: false,
    tail: [message],
    outputs: {},
    env: {},
    path: [],
  };
}
