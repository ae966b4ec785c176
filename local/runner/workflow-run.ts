import type { CacheStore } from './cache-store.js';
import type { JobResult } from './job.js';
import type { Reporter } from './report.js';
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
  /** 1 for a new run; 2 and up for "Re-run failed jobs" of `previous`. */
  attempt?: number;
  /** The earlier attempt whose successful jobs (and matrix instances) are kept, not run again. */
  previous?: WorkflowRunResult;
  outDir: string;
  /** The run's snapshot of the repository (what `actions/checkout` gives every job). */
  snapshot: string;
  cache: CacheStore;
  /** Artifact client variables for a job instance (JavaScript actions only); `runId` for another run's. */
  actionEnv: (jobKey: string, runId?: string) => Record<string, string>;
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
  attempt: number;
  jobs: Record<string, WorkflowJobResult>;
}
