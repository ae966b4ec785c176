import { join } from 'node:path';
import type { Job } from '@actions/workflow-parser/model/workflow-template';
import { ConfigurationError } from '../../shared/errors.js';
import { asString, evaluateToken, truthy, type Contexts } from './expressions.js';
import { runJob, type JobResult } from './job.js';
import type { Reporter } from './report.js';
import { dispatchInputs, expandMatrix } from './matrix-and-inputs.js';
import type { LoadedWorkflow } from './workflow.js';

/** Everything a workflow run needs from outside: event, inputs, secrets, vars, folders. */
export interface WorkflowRunOptions {
  workflow: LoadedWorkflow;
  event: 'schedule' | 'workflow_dispatch';
  /** For a `schedule` event: which of the workflow's crons fired (default its first). */
  schedule?: string;
  inputs: Record<string, string>;
  secrets: Record<string, string>;
  vars: Record<string, string>;
  /** Environment every step gets (PATH, HOME, GITHUB_API_URL, ...). */
  env: Record<string, string>;
  runId: string;
  outDir: string;
  workspace: string;
  /** Artifact client variables for a job instance (JavaScript actions only). */
  actionEnv: (jobKey: string) => Record<string, string>;
  /** Runs only this job (its needs are treated as skipped). */
  onlyJob?: string;
  /** Matrix shards running at once when the workflow sets no max-parallel. */
  parallel?: number;
  reporter: Reporter;
  /** Aborted on Ctrl-C: jobs not started yet are cancelled. */
  signal?: AbortSignal;
  /** Told of every finished job instance (the GitHub emulator lists them as the run's jobs). */
  jobDone?: (job: { name: string; conclusion: string; startedAt: Date; completedAt: Date }) => void;
}

/** A job across its matrix instances: how it ended, its outputs, and each instance's timings. */
export interface WorkflowJobResult extends Omit<JobResult, 'steps'> {
  instances: Array<JobResult & { label: string; startedAt: string; ms: number }>;
}

/** How each job ended and the run's conclusion. */
export interface WorkflowRunResult {
  conclusion: 'success' | 'failure' | 'cancelled';
  jobs: Record<string, WorkflowJobResult>;
}

/**
 * The cron a scheduled run was started by (`github.event.schedule`): `wanted` when the workflow
 * declares it, else its first schedule; a workflow without one cannot run as `schedule`.
 */
export function scheduleOf(workflow: LoadedWorkflow, wanted?: string): string {
  const crons = (workflow.template.events.schedule ?? []).map((entry) => entry.cron);
  if (crons.length === 0) {
    throw new ConfigurationError(`workflow ${workflow.name} has no schedule trigger`);
  }
  if (wanted === undefined) return crons[0] ?? '';
  if (!crons.includes(wanted)) {
    throw new ConfigurationError(
      `--schedule '${wanted}': workflow ${workflow.name} has the schedules ${crons.join(', ')}`,
    );
  }
  return wanted;
}

/** Runs the workflow's jobs in `needs` order, matrix shards in parallel, and concludes the run. */
export async function runWorkflow(options: WorkflowRunOptions): Promise<WorkflowRunResult> {
  const { template } = options.workflow;
  const inputs = dispatchInputs(options.workflow, options.event, options.inputs);
  const event: Record<string, unknown> = { inputs, repository: { private: true } };
  if (options.event === 'schedule') event.schedule = scheduleOf(options.workflow, options.schedule);
  const github = {
    event_name: options.event,
    event,
    run_id: options.runId,
    run_number: '1',
    run_attempt: '1',
    repository: options.env.GITHUB_REPOSITORY,
    repository_owner: options.env.GITHUB_REPOSITORY?.split('/')[0],
    server_url: options.env.GITHUB_SERVER_URL,
    api_url: options.env.GITHUB_API_URL,
    workflow: options.workflow.name,
    workspace: options.workspace,
    ref: 'refs/heads/main',
  };
  const base: Contexts = { github, inputs, secrets: options.secrets, vars: options.vars };
  const plain = { success: true, failure: false, cancelled: false };
  const workflowEnv = evaluateToken(template.env, base, plain) as
    Record<string, unknown> | undefined;
  const masks = new Set(Object.values(options.secrets).filter((value) => value.length >= 3));
  const results: Record<string, WorkflowJobResult> = {};
  const { reporter } = options;
  const jobs = template.jobs.filter((job): job is Job => job.type === 'job');
  const pending = new Map(jobs.map((job) => [job.id.value, job]));

  const runOne = async (job: Job): Promise<WorkflowJobResult> => {
    const id = job.id.value;
    const needs = Object.fromEntries(
      (job.needs ?? []).map((need) => [
        need.value,
        results[need.value] ?? { result: 'skipped', outputs: {}, instances: [] },
      ]),
    );
    const contexts: Contexts = { ...base, needs, env: workflowEnv ?? {} };
    const states = Object.values(needs).map((need) => need.result);
    const status = {
      success: states.every((state) => state === 'success'),
      failure: states.includes('failure'),
      cancelled: false,
    };
    if (options.signal?.aborted) {
      reporter.event({ type: 'job-skipped', key: id, label: id, reason: 'cancelled' });
      return { result: 'skipped', outputs: {}, instances: [] };
    }
    // --job runs that one job whatever its `if:` says; the jobs it needs did not run.
    const wanted = options.onlyJob
      ? options.onlyJob === id
      : truthy(evaluateToken(job.if, contexts, status));
    if (!wanted) {
      reporter.event({ type: 'job-skipped', key: id, label: id, reason: 'skipped' });
      return { result: 'skipped', outputs: {}, instances: [] };
    }
    const unsupported = ['services', 'container'].filter(
      (key) => options.workflow.raw.get(id)?.job[key] !== undefined,
    );
    if (unsupported.length > 0) {
      throw new ConfigurationError(
        `job ${id} uses ${unsupported.join(' and ')}:, which the local runner does not start`,
      );
    }
    const strategy = (evaluateToken(job.strategy, contexts, plain) ?? {}) as Record<
      string,
      unknown
    >;
    const combos = expandMatrix(strategy);
    const limit = Number(strategy['max-parallel'] ?? options.parallel ?? 4) || 1;
    const failFast = strategy['fail-fast'] !== false;
    const instanceResults: WorkflowJobResult['instances'] = [];
    let cancelled = false;
    const queue = combos.map((matrix, index) => ({ matrix, index }));
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const { matrix, index } = next;
        const values = Object.values(matrix).map(asString).join(', ');
        const label = values ? `${id} (${values})` : id;
        if (options.signal?.aborted || cancelled) {
          // fail-fast or Ctrl-C: the shard never starts, and counts as failed like on GitHub.
          reporter.event({ type: 'job-skipped', key: label, label, reason: 'cancelled' });
          const startedAt = new Date().toISOString();
          instanceResults.push({
            result: 'failure',
            outputs: {},
            steps: [],
            label,
            startedAt,
            ms: 0,
          });
          continue;
        }
        const started = Date.now();
        reporter.event({ type: 'job-started', key: label, label });
        const jobKey = combos.length > 1 ? `${id}-${index + 1}` : id;
        const temp = join(options.outDir, 'jobs', jobKey, 'temp');
        const runner = {
          os: 'Linux',
          arch: 'X64',
          name: 'local',
          temp,
          environment: 'self-hosted',
        };
        const matrixContexts = {
          ...contexts,
          matrix,
          runner,
          strategy: { 'job-index': index, 'job-total': combos.length },
        };
        const name = job.name ? asString(evaluateToken(job.name, matrixContexts, plain)) : label;
        const result = await runJob({
          job,
          raw: options.workflow.raw.get(id),
          label: name,
          contexts: matrixContexts,
          dir: join(options.outDir, 'jobs', jobKey),
          host: {
            workspace: options.workspace,
            baseEnv: { ...options.env, GITHUB_JOB: id, RUNNER_TEMP: temp },
            actionEnv: options.actionEnv(jobKey),
            masks,
          },
          reporter,
          key: label,
        });
        const ms = Date.now() - started;
        reporter.event({ type: 'job-finished', key: label, label, result: result.result, ms });
        instanceResults.push({ ...result, label, startedAt: new Date(started).toISOString(), ms });
        options.jobDone?.({
          name,
          conclusion: result.result,
          startedAt: new Date(started),
          completedAt: new Date(),
        });
        if (result.result === 'failure' && failFast) cancelled = true;
      }
    };
    await Promise.all(Array.from({ length: Math.min(limit, combos.length) }, worker));
    return {
      result: instanceResults.some((r) => r.result === 'failure') ? 'failure' : 'success',
      outputs: Object.assign({}, ...instanceResults.map((r) => r.outputs)) as Record<
        string,
        string
      >,
      instances: instanceResults,
    };
  };

  const running = new Map<string, Promise<void>>();
  while (pending.size > 0 || running.size > 0) {
    for (const [id, job] of pending) {
      if ((job.needs ?? []).every((need) => need.value in results)) {
        pending.delete(id);
        const guarded = runOne(job).catch((error: unknown): WorkflowJobResult => {
          reporter.message(`job ${id}: failure: ${(error as Error).message}`);
          return { result: 'failure', outputs: {}, instances: [] };
        });
        running.set(
          id,
          guarded.then((result) => {
            results[id] = result;
            running.delete(id);
          }),
        );
      }
    }
    if (running.size === 0) {
      throw new ConfigurationError(
        `jobs ${[...pending.keys()].join(', ')} need jobs that never run`,
      );
    }
    await Promise.race(running.values());
  }
  const failed = Object.values(results).some((r) => r.result === 'failure');
  const conclusion = options.signal?.aborted ? 'cancelled' : failed ? 'failure' : 'success';
  return { conclusion, jobs: results };
}
