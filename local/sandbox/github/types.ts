/** Records the GitHub emulator keeps, in the shapes its REST answers are built from. */

/** A label of a repository. */
export interface LabelRecord {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

/** An issue of a repository. */
export interface IssueRecord {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | 'duplicate' | 'reopened' | null;
  labels: string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  comments: number;
}

/** A comment on an issue. */
export interface CommentRecord {
  id: number;
  issueNumber: number;
  body: string;
  createdAt: string;
  updatedAt: string;
}

/** A job of a workflow run as `addWorkflowRun` takes it. */
export interface WorkflowJobInput {
  name: string;
  status: string;
  conclusion: string | null;
  started_at: string;
  completed_at: string | null;
  labels: string[];
  /** Attempt the job belongs to; 1 when absent. `filter=latest` keeps the highest attempt. */
  run_attempt?: number;
  runner_name?: string | null;
}

/**
 * A workflow run as `addWorkflowRun` takes it: its jobs, and with `workflow` set, the run itself as
 * the workflow runs endpoints list it.
 */
export interface WorkflowRunInput extends Partial<WorkflowRunDetails> {
  /** Default a new id. */
  id?: number;
  /** Default none. */
  jobs?: WorkflowJobInput[];
}

/** A stored job, with the id the emulator gave it. */
export interface JobRecord extends WorkflowJobInput {
  id: number;
  run_id: number;
}

/** What a token may do; GitHub's fine-grained permission names. */
export interface TokenPermissions {
  issues: 'none' | 'read' | 'write';
  actions: 'none' | 'read' | 'write';
  /** Repository metadata (`GET /repos/{owner}/{repo}`); every token has it unless set to `none`. */
  metadata?: 'none' | 'read';
}

/** A fault answered instead of the real response, for the next `times` matching requests. */
export type GitHubFault =
  | { kind: 'server-error'; status?: 500 | 502 | 503 | 504 }
  | { kind: 'secondary-rate-limit'; retryAfterSeconds?: number }
  /** The request is carried out, but the answer is lost: a 502 or 504 comes back instead. */
  | { kind: 'lost-answer'; status?: 502 | 504 }
  /** The answer comes after `ms` (a hung request, for the client's timeout). */
  | { kind: 'slow'; ms: number };

/** Which requests a fault applies to. */
export interface FaultMatch {
  /** HTTP method, e.g. `POST`; any when absent. */
  method?: string;
  /** Matched against the request path (no query string); any when absent. */
  path?: RegExp;
  /** How many matching requests get the fault; default 1. */
  times?: number;
}

/** A request as the emulator answered it. */
export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
}

/** Why a workflow does or does not run, as GitHub reports it in `state`. */
export type WorkflowState =
  'active' | 'deleted' | 'disabled_fork' | 'disabled_inactivity' | 'disabled_manually';

/** A workflow as `addWorkflow` takes it. */
export interface WorkflowInput {
  /** File name under `.github/workflows/`, e.g. `data-collection.yml`. */
  file: string;
  /** The workflow's `name:`; default the file name without extension. */
  name?: string;
  /** Default `active`. */
  state?: WorkflowState;
  /** Default the state's clock. */
  createdAt?: string;
  /** When it was last enabled, disabled or changed; default `createdAt`. */
  updatedAt?: string;
}

/** A stored workflow. */
export interface WorkflowRecord {
  id: number;
  file: string;
  name: string;
  state: WorkflowState;
  createdAt: string;
  updatedAt: string;
}

/** The fields of a run the workflow runs list shows; `addWorkflowRun` fills what is left out. */
export interface WorkflowRunDetails {
  /** File name of the workflow the run belongs to; it must have been added with `addWorkflow`. */
  workflow: string;
  /** Default `schedule`. */
  event?: string;
  /** `queued`, `in_progress`, `completed`, ...; default `completed`. */
  status?: string;
  /** `success`, `failure`, `cancelled`, `timed_out`, ...; null while not completed; default `success` when completed. */
  conclusion?: string | null;
  /** Default the state's clock. */
  createdAt?: string;
  /** Default `createdAt`. */
  updatedAt?: string;
  /** Default the repository's default branch. */
  headBranch?: string;
  runAttempt?: number;
}

/** A stored workflow run. */
export interface WorkflowRunRecord {
  id: number;
  runNumber: number;
  workflowId: number;
  event: string;
  status: string;
  conclusion: string | null;
  createdAt: string;
  updatedAt: string;
  headBranch: string;
  runAttempt: number;
}
