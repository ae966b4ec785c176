import type { Job } from '@actions/workflow-parser/model/workflow-template';
import { ConfigurationError } from '../../shared/errors.js';
import { evaluateToken, truthy, type Contexts } from './expressions.js';
import { dispatchInputs } from './matrix-and-inputs.js';
import { runMatrix } from './matrix-run.js';
import { jobsToRerun, planJobs, readyJobs, runConclusion } from './plan.js';
import type { LoadedWorkflow } from './workflow.js';
import type { WorkflowJobResult, WorkflowRunOptions, WorkflowRunResult } from './workflow-run.js';

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
  const attempt = options.attempt ?? 1;
  const jobs = template.jobs.filter((job): job is Job => job.type === 'job');
  const byId = new Map(jobs.map((job) => [job.id.value, job]));
  // The whole graph is checked before any job starts.
  const plan = planJobs(
    jobs.map((job) => ({ id: job.id.value, needs: (job.needs ?? []).map((need) => need.value) })),
  );
  const previous = options.previous?.jobs ?? {};
  const rerun = options.previous
    ? jobsToRerun(
        plan,
        Object.fromEntries(Object.entries(previous).map(([id, job]) => [id, job.result])),
      )
    : undefined;
  const inputs = dispatchInputs(options.workflow, options.event, options.inputs);
  const event: Record<string, unknown> = { inputs, repository: { private: true } };
  if (options.event === 'schedule') event.schedule = scheduleOf(options.workflow, options.schedule);
  const github = {
    event_name: options.event,
    event,
    run_id: options.runId,
    run_number: '1',
    run_attempt: String(attempt),
    repository: options.env.GITHUB_REPOSITORY,
    repository_owner: options.env.GITHUB_REPOSITORY?.split('/')[0],
    server_url: options.env.GITHUB_SERVER_URL,
    api_url: options.env.GITHUB_API_URL,
    workflow: options.workflow.name,
    ref: 'refs/heads/main',
  };
  const base: Contexts = { github, inputs, secrets: options.secrets, vars: options.vars };
  const plain = { success: true, failure: false, cancelled: false };
  const workflowEnv = (evaluateToken(template.env, base, plain) ?? {}) as Record<string, unknown>;
  // As GitHub's worker: each secret trimmed, whole and line by line.
  const masks = new Set(
    Object.values(options.secrets)
      .flatMap((value) => [value.trim(), ...value.split(/[\r\n]+/).map((line) => line.trim())])
      .filter((value) => value.length >= 3),
  );
  const results: Record<string, WorkflowJobResult> = {};
  const { reporter } = options;

  const runOne = async (job: Job): Promise<WorkflowJobResult> => {
    const id = job.id.value;
    const earlier = previous[id];
    if (rerun && !rerun.has(id) && earlier) {
      reporter.event({
        type: 'job-skipped',
        key: id,
        label: id,
        reason: `kept from attempt ${attempt - 1}`,
      });
      return earlier;
    }
    const needs = Object.fromEntries(
      (job.needs ?? []).map((need) => [
        need.value,
        results[need.value] ?? { result: 'skipped', outputs: {}, instances: [] },
      ]),
    );
    const contexts: Contexts = { ...base, needs, env: workflowEnv };
    const states = Object.values(needs).map((need) => need.result);
    const status = {
      success: states.every((state) => state === 'success'),
      failure: states.includes('failure'),
      cancelled: options.signal?.aborted ?? false,
    };
    if (options.signal?.aborted) {
      reporter.event({ type: 'job-skipped', key: id, label: id, reason: 'cancelled' });
      return { result: 'cancelled', outputs: {}, instances: [] };
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
    // A job run again only because it failed keeps the matrix instances that succeeded.
    const ownFailure = rerun !== undefined && !(job.needs ?? []).some((n) => rerun.has(n.value));
    const kept = ownFailure ? (earlier?.instances ?? []).filter((i) => i.result === 'success') : [];
    return runMatrix({ job, contexts, options, masks, attempt, kept });
  };

  const running = new Map<string, Promise<void>>();
  const ended = new Set<string>();
  for (;;) {
    for (const ready of readyJobs(plan, ended)) {
      if (running.has(ready.id)) continue;
      const job = byId.get(ready.id) as Job;
      const guarded = runOne(job).catch((error: unknown): WorkflowJobResult => {
        reporter.message(`job ${ready.id}: failure: ${(error as Error).message}`);
        return { result: 'failure', outputs: {}, instances: [] };
      });
      running.set(
        ready.id,
        guarded.then((result) => {
          results[ready.id] = result;
          ended.add(ready.id);
          running.delete(ready.id);
        }),
      );
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  const conclusion = options.signal?.aborted
    ? 'cancelled'
    : runConclusion(Object.values(results).map((job) => job.result));
  return { conclusion, attempt, jobs: results };
}
