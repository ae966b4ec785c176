import { join } from 'node:path';
import type { Job } from '@actions/workflow-parser/model/workflow-template';
import { asString, evaluateToken, type Contexts } from './expressions.js';
import { runJob } from './job.js';
import { expandMatrix } from './matrix-and-inputs.js';
import { matrixResult } from './plan.js';
import type { WorkflowJobResult, WorkflowRunOptions } from './workflow-run.js';

/** One job of a run, ready to expand into its matrix instances. */
export interface MatrixJob {
  job: Job;
  contexts: Contexts;
  options: WorkflowRunOptions;
  masks: Set<string>;
  attempt: number;
  /** Instances an earlier attempt completed, kept as they were ("Re-run failed jobs"). */
  kept: WorkflowJobResult['instances'];
}

const plain = { success: true, failure: false, cancelled: false };

/**
 * Runs a job's matrix instances, at most `max-parallel` at once; with `fail-fast` (the default) a
 * failed instance cancels the others, running or queued, as GitHub does.
 */
export async function runMatrix(matrixJob: MatrixJob): Promise<WorkflowJobResult> {
  const { job, contexts, options, attempt } = matrixJob;
  const { reporter } = options;
  const id = job.id.value;
  const strategy = (evaluateToken(job.strategy, contexts, plain) ?? {}) as Record<string, unknown>;
  const combos = expandMatrix(strategy);
  const limit = Number(strategy['max-parallel'] ?? options.parallel ?? 4) || 1;
  const failFast = strategy['fail-fast'] !== false;
  const failedFast = new AbortController();
  const cancel = options.signal
    ? AbortSignal.any([options.signal, failedFast.signal])
    : failedFast.signal;
  const instances: WorkflowJobResult['instances'] = [];
  const queue = combos.map((matrix, index) => ({ matrix, index }));
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const { matrix, index } = next;
      const values = Object.values(matrix).map(asString).join(', ');
      const label = values ? `${id} (${values})` : id;
      const earlier = matrixJob.kept.find((instance) => instance.label === label);
      if (earlier) {
        reporter.event({
          type: 'job-skipped',
          key: label,
          label,
          reason: `kept from attempt ${attempt - 1}`,
        });
        instances.push(earlier);
        continue;
      }
      const startedAt = new Date();
      if (cancel.aborted) {
        // The shard never starts, and counts as cancelled as on GitHub.
        reporter.event({ type: 'job-skipped', key: label, label, reason: 'cancelled' });
        instances.push({
          result: 'cancelled',
          outputs: {},
          steps: [],
          label,
          startedAt: startedAt.toISOString(),
          ms: 0,
        });
        continue;
      }
      reporter.event({ type: 'job-started', key: label, label });
      const jobKey = combos.length > 1 ? `${id}-${index + 1}` : id;
      const attemptDir = attempt > 1 ? join(options.outDir, `attempt-${attempt}`) : options.outDir;
      const matrixContexts = {
        ...contexts,
        matrix,
        runner: { os: 'Linux', arch: 'X64', name: 'local', environment: 'github-hosted' },
        strategy: { 'job-index': index, 'job-total': combos.length },
      };
      const name = job.name ? asString(evaluateToken(job.name, matrixContexts, plain)) : label;
      const result = await runJob({
        job,
        raw: options.workflow.raw.get(id),
        label: name,
        contexts: matrixContexts,
        dir: join(attemptDir, 'jobs', jobKey),
        host: {
          baseEnv: { ...options.env, GITHUB_JOB: id, GITHUB_RUN_ATTEMPT: String(attempt) },
          actionEnv: (runId) => options.actionEnv(jobKey, runId),
          masks: matrixJob.masks,
        },
        snapshot: options.snapshot,
        cache: options.cache,
        reporter,
        key: label,
        cancel,
      });
      const ms = Date.now() - startedAt.getTime();
      reporter.event({ type: 'job-finished', key: label, label, result: result.result, ms });
      instances.push({ ...result, label, startedAt: startedAt.toISOString(), ms });
      options.jobDone?.({ name, conclusion: result.result, startedAt, completedAt: new Date() });
      if (result.result === 'failure' && failFast) failedFast.abort();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, combos.length) }, worker));
  return {
    result: matrixResult(instances.map((instance) => instance.result)),
    outputs: mergeMatrixOutputs(instances.map((instance) => instance.outputs)),
    instances,
  };
}

/**
 * A matrix job's outputs as GitHub merges its legs': in the order they finished, a later leg's
 * value replaces an earlier one's, but an empty value never replaces a set one (a leg that
 * succeeded leaves `error` empty, and the failing leg's message survives it).
 */
export function mergeMatrixOutputs(
  legs: ReadonlyArray<Record<string, string>>,
): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const outputs of legs)
    for (const [name, value] of Object.entries(outputs))
      if (value !== '' || !(name in merged)) merged[name] = value;
  return merged;
}
