import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { Job } from '@actions/workflow-parser/model/workflow-template';
import { asString, evaluateToken, truthy, type Contexts } from './expressions.js';
import type { Reporter } from './report.js';
import { runStep, type StepHost } from './steps.js';
import type { RawParts } from './workflow.js';

/** How one step of a job instance went. */
export interface StepTiming {
  name: string;
  outcome: 'success' | 'failure' | 'skipped';
  ms: number;
}

/** How a job instance ended, with its outputs and its steps' timings. */
export interface JobResult {
  result: 'success' | 'failure' | 'skipped';
  outputs: Record<string, string>;
  steps: StepTiming[];
}

/** One instance of a job (one matrix combination) and what it runs with. */
export interface JobInstance {
  job: Job;
  raw: RawParts | undefined;
  label: string;
  contexts: Contexts;
  host: Omit<StepHost, 'jobDir'>;
  dir: string;
  reporter: Reporter;
  /** The instance's name in the reporter's events. */
  key: string;
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

/** Runs the steps of one job instance in order, honouring `if`, `continue-on-error` and timeouts. */
export async function runJob(instance: JobInstance): Promise<JobResult> {
  const { job, raw, contexts } = instance;
  await mkdir(join(instance.dir, 'temp'), { recursive: true });
  const host: StepHost = { ...instance.host, jobDir: instance.dir };
  const plain = { success: true, failure: false, cancelled: false };
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
  const { reporter, key } = instance;
  const jobMs = minutes(evaluateToken(raw?.job['timeout-minutes'], contexts, plain), 360);
  const deadline = Date.now() + jobMs;
  for (const [index, step] of job.steps.entries()) {
    const rawStep = raw?.steps[index] ?? {};
    const view = {
      ...contexts,
      env: state.env,
      steps,
      job: { status: state.failed ? 'failure' : 'success' },
    };
    const status = { success: !state.failed, failure: state.failed, cancelled: false };
    const name = step.name ? asString(evaluateToken(step.name, view, status)) : undefined;
    const uses = 'uses' in step ? step.uses.value : undefined;
    const label = name ?? (uses ? `Run ${uses}` : `Step ${index + 1}`);
    const started = Date.now();
    const ifToken = 'if' in step ? step.if : undefined;
    if (ifToken && !truthy(evaluateToken(ifToken, view, status))) {
      reporter.event({ type: 'step-finished', key, step: label, outcome: 'skipped', ms: 0 });
      timings.push({ name: label, outcome: 'skipped', ms: 0 });
      if (!step.id.startsWith('__'))
        steps[step.id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' };
      continue;
    }
    const stepEnv = 'env' in step ? stringMap(evaluateToken(step.env, view, status)) : {};
    const stepView = { ...view, env: { ...state.env, ...stepEnv } };
    reporter.event({ type: 'step-started', key, step: label });
    let result;
    try {
      result = await runStep(
        {
          label,
          uses,
          run: 'run' in step ? asString(evaluateToken(step.run, stepView, status)) : undefined,
          with: stringMap(evaluateToken(rawStep.with, stepView, status)),
          env: { ...state.env, ...stepEnv, ...pathEnv(state.path, host.baseEnv.PATH) },
          timeoutMs: Math.min(
            minutes(evaluateToken(rawStep['timeout-minutes'], stepView, status), 360),
            Math.max(deadline - Date.now(), 1000),
          ),
          workingDirectory: rawStep['working-directory']
            ? asString(evaluateToken(rawStep['working-directory'], stepView, status))
            : undefined,
        },
        index,
        host,
      );
    } catch (error) {
      result = {
        exitCode: 1,
        timedOut: false,
        tail: [(error as Error).message],
        outputs: {},
        env: {},
        path: [],
      };
    }
    const ms = Date.now() - started;
    const continueOnError = truthy(evaluateToken(rawStep['continue-on-error'], stepView, status));
    const outcome = result.exitCode === 0 ? 'success' : 'failure';
    const conclusion = outcome === 'failure' && continueOnError ? 'success' : outcome;
    reporter.event({
      type: 'step-finished',
      key,
      step: label,
      outcome,
      ms,
      note: 'note' in result ? result.note : undefined,
      tail: outcome === 'failure' ? result.tail.slice(-8) : undefined,
    });
    timings.push({ name: label, outcome, ms });
    if (!step.id.startsWith('__'))
      steps[step.id] = { outputs: result.outputs, outcome, conclusion };
    Object.assign(state.env, result.env);
    state.path.unshift(...result.path.reverse());
    if (conclusion === 'failure') state.failed = true;
  }
  const finalView = { ...contexts, env: state.env, steps };
  const plainStatus = { success: !state.failed, failure: state.failed, cancelled: false };
  return {
    result: state.failed ? 'failure' : 'success',
    outputs: stringMap(evaluateToken(job.outputs, finalView, plainStatus)),
    steps: timings,
  };
}
