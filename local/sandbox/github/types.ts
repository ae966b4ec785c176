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

/** A workflow run as `addWorkflowRun` takes it. */
export interface WorkflowRunInput {
  id: number;
  jobs: WorkflowJobInput[];
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
}

/** A fault answered instead of the real response, for the next `times` matching requests. */
export type GitHubFault =
  | { kind: 'server-error'; status?: 500 | 502 | 503 | 504 }
  | { kind: 'secondary-rate-limit'; retryAfterSeconds?: number };

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
