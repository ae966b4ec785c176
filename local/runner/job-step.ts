import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Step } from '@actions/workflow-parser/model/workflow-template';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import { asString, evaluateToken, truthy, type Contexts } from './expressions.js';
import { minutes, stringMap } from './text.js';
import type { Reporter } from './report.js';
import { runStep, type StepHost, type StepResult } from './steps.js';

/** How one step of a job instance went. */
export interface StepTiming {
  name: string;
  outcome: 'success' | 'failure' | 'cancelled' | 'skipped';
  ms: number;
}

/** The `steps` context: each step's outputs, outcome and conclusion, by id. */
export type StepRecords = Record<
  string,
  { outputs: Record<string, string>; outcome: string; conclusion: string }
>;

/** What steps leave for later steps: a failure, `GITHUB_ENV` values, `GITHUB_PATH` folders. */
export interface JobState {
  failed: boolean;
  env: Record<string, string>;
  path: string[];
}

/** One step to run and what it runs in. */
export interface JobStep {
  step: Step;
  index: number;
  /** The step's raw keys (`with`, `timeout-minutes`, ...) the converted template drops. */
  raw: Record<string, TemplateToken>;
  contexts: Contexts;
  host: StepHost;
  /** Aborted when the job is cancelled or out of time. */
  stop: AbortSignal;
}

/** What the steps of a job share while it runs, and where the step's record goes. */
export interface JobLedger {
  state: JobState;
  steps: StepRecords;
  timings: StepTiming[];
  reporter: Reporter;
  key: string;
  dir: string;
}

/** `PATH` with the folders earlier steps added through `GITHUB_PATH` in front (latest first). */
function pathEnv(added: string[], base: string | undefined): Record<string, string> {
  return added.length === 0 ? {} : { PATH: [...added, base ?? ''].join(':') };
}

/**
 * Runs one step as GitHub's runner would: its `if` (a step without one runs on `success()`,
 * false once the job failed or was cancelled), its timeout (the step fails), `continue-on-error`;
 * a step whose `if` holds even when the job is cancelled (`always()`) is not stopped by it.
 */
export async function runJobStep(job: JobStep, ledger: JobLedger): Promise<void> {
  const { step, index, raw, host } = job;
  const { state, steps, reporter, key } = ledger;
  const cancelled = job.stop.aborted;
  const view = {
    ...job.contexts,
    env: state.env,
    steps,
    job: { status: cancelled ? 'cancelled' : state.failed ? 'failure' : 'success' },
  };
  const status = { success: !state.failed, failure: state.failed, cancelled };
  const name = step.name ? asString(evaluateToken(step.name, view, status)) : undefined;
  const uses = 'uses' in step ? step.uses.value : undefined;
  const label = name ?? (uses ? `Run ${uses}` : `Step ${index + 1}`);
  const ifToken = 'if' in step ? step.if : undefined;
  const wanted = ifToken
    ? truthy(evaluateToken(ifToken, view, status))
    : !cancelled && !state.failed;
  const record = (
    outcome: StepTiming['outcome'],
    outputs: Record<string, string>,
    ms: number,
    conclusion: string = outcome,
  ) => {
    ledger.timings.push({ name: label, outcome, ms });
    if (!step.id.startsWith('__')) steps[step.id] = { outputs, outcome, conclusion };
  };
  if (!wanted) {
    reporter.event({ type: 'step-finished', key, step: label, outcome: 'skipped', ms: 0 });
    record('skipped', {}, 0);
    return;
  }
  const survives =
    cancelled ||
    (ifToken !== undefined && truthy(evaluateToken(ifToken, view, { ...status, cancelled: true })));
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
        with: stringMap(evaluateToken(raw.with, stepView, status)),
        env: { ...state.env, ...stepEnv, ...pathEnv(state.path, host.baseEnv.PATH) },
        timeoutMs: minutes(evaluateToken(raw['timeout-minutes'], stepView, status), 360),
        workingDirectory: raw['working-directory']
          ? asString(evaluateToken(raw['working-directory'], stepView, status))
          : undefined,
      },
      index,
      { ...host, cancel: survives ? undefined : job.stop },
    );
  } catch (error) {
    const message = (error as Error).message;
    await writeFile(join(ledger.dir, `${String(index + 1).padStart(2, '0')}.log`), message);
    const failed = { exitCode: 1, timedOut: false, cancelled: false, tail: [message] };
    result = { ...failed, outputs: {}, env: {}, path: [] };
  }
  const ms = Date.now() - started;
  const continueOnError = truthy(evaluateToken(raw['continue-on-error'], stepView, status));
  const outcome = result.cancelled ? 'cancelled' : result.exitCode === 0 ? 'success' : 'failure';
  const note = result.note;
  const tail = outcome === 'success' ? undefined : result.tail.slice(-8);
  reporter.event({ type: 'step-finished', key, step: label, outcome, ms, note, tail });
  const conclusion = outcome === 'failure' && continueOnError ? 'success' : outcome;
  record(outcome, result.outputs, ms, conclusion);
  Object.assign(state.env, result.env);
  state.path.unshift(...result.path.reverse());
  if (conclusion === 'failure') state.failed = true;
}
