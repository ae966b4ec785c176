import { ConfigurationError } from '../../shared/errors.js';

/** A job as the planner sees it: its id and the ids of the jobs it needs. */
export interface PlannedJob {
  id: string;
  needs: string[];
}

/** How a job ended in an earlier attempt, as `result.json` records it. */
export type JobConclusion = 'success' | 'failure' | 'cancelled' | 'skipped';

/**
 * The jobs in an order where every job comes after the jobs it needs. A `needs` that names no job,
 * a job that needs itself or a cycle is refused before anything runs, naming the jobs involved.
 */
export function planJobs(jobs: PlannedJob[]): PlannedJob[] {
  const byId = new Map(jobs.map((job) => [job.id, job]));
  for (const job of jobs) {
    const unknown = job.needs.filter((need) => !byId.has(need));
    if (unknown.length > 0) {
      throw new ConfigurationError(
        `job ${job.id} needs ${unknown.join(', ')}, which the workflow does not define`,
      );
    }
  }
  const ordered: PlannedJob[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (job: PlannedJob, path: string[]): void => {
    if (state.get(job.id) === 'done') return;
    if (state.get(job.id) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(job.id)), job.id].join(' -> ');
      throw new ConfigurationError(`jobs need each other in a cycle: ${cycle}`);
    }
    state.set(job.id, 'visiting');
    for (const need of job.needs) visit(byId.get(need) as PlannedJob, [...path, job.id]);
    state.set(job.id, 'done');
    ordered.push(job);
  };
  for (const job of jobs) visit(job, []);
  return ordered;
}

/** The jobs whose needs have all ended (given the ids that have), in plan order. */
export function readyJobs(plan: PlannedJob[], ended: ReadonlySet<string>): PlannedJob[] {
  return plan.filter((job) => !ended.has(job.id) && job.needs.every((need) => ended.has(need)));
}

/**
 * What "Re-run failed jobs" runs again: every job that failed or was cancelled, and every job that
 * needs one of those, directly or not. The others keep their earlier results.
 */
export function jobsToRerun(
  plan: PlannedJob[],
  previous: Record<string, JobConclusion | undefined>,
): Set<string> {
  const rerun = new Set<string>();
  for (const job of plan) {
    const conclusion = previous[job.id];
    const failed = conclusion === 'failure' || conclusion === 'cancelled';
    // A job that never ran in the earlier attempt runs now (the run was stopped before it).
    if (failed || conclusion === undefined || job.needs.some((need) => rerun.has(need))) {
      rerun.add(job.id);
    }
  }
  return rerun;
}

/** A workflow run's conclusion from its jobs': any failure fails it, else any cancellation cancels it. */
export function runConclusion(results: JobConclusion[]): 'success' | 'failure' | 'cancelled' {
  if (results.includes('failure')) return 'failure';
  return results.includes('cancelled') ? 'cancelled' : 'success';
}

/** A matrix job's result from its instances', as `needs.<job>.result` reports it. */
export function matrixResult(results: JobConclusion[]): JobConclusion {
  if (results.length === 0) return 'skipped';
  if (results.includes('failure')) return 'failure';
  if (results.includes('cancelled')) return 'cancelled';
  return results.every((result) => result === 'skipped') ? 'skipped' : 'success';
}
