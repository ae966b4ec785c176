import { randomBytes } from 'node:crypto';
import type {
  CommentRecord,
  FaultMatch,
  GitHubFault,
  IssueRecord,
  JobRecord,
  LabelRecord,
  RequestLogEntry,
  TokenPermissions,
  WorkflowInput,
  WorkflowRecord,
  WorkflowRunInput,
  WorkflowRunRecord,
} from './types.js';
import { githubTime } from './github-time.js';
import {
  findWorkflow,
  workflowRecord,
  workflowRunRecord,
  type WorkflowStore,
} from './workflow-records.js';

/** One repository's issues, comments, labels, workflows and workflow runs. */
export interface RepoStore extends WorkflowStore {
  issues: IssueRecord[];
  comments: CommentRecord[];
  /** By lower-case name: GitHub compares label names without case. */
  labels: Map<string, LabelRecord>;
  /** The jobs of each run, by run id. */
  runs: Map<number, JobRecord[]>;
  /** Settings → General → Features → Issues; a new fork has it off. */
  hasIssues: boolean;
}

interface PendingFault {
  fault: GitHubFault;
  match: FaultMatch;
  remaining: number;
}

/** Everything the emulator knows; tests seed and inspect it directly. */
export class GitHubState {
  /** Every request answered, in order, with its status. */
  readonly requests: RequestLogEntry[] = [];
  private readonly repos = new Map<string, RepoStore>();
  private readonly tokens = new Map<string, TokenPermissions>();
  private readonly faults: PendingFault[] = [];
  private nextId = 1000;

  constructor(
    /** Clock for `created_at`, `closed_at`, ...; tests may move it. */
    public now: () => Date = () => new Date(),
    /** Requests per token per hour before the primary rate limit answers 403. */
    readonly rateLimit = 5000,
  ) {}

  /** A new id for an issue, comment, label or job (GitHub ids are global). */
  newId(): number {
    this.nextId += 1;
    return this.nextId;
  }

  /** The repository `owner/repo`, created empty on first use. */
  repo(owner: string, repo: string): RepoStore {
    const key = `${owner}/${repo}`.toLowerCase();
    let store = this.repos.get(key);
    if (!store) {
      store = {
        issues: [],
        comments: [],
        labels: new Map(),
        runs: new Map(),
        hasIssues: true,
        defaultBranch: 'main',
        workflows: [],
        workflowRuns: [],
      };
      this.repos.set(key, store);
    }
    return store;
  }

  /**
   * Turns the repository's Issues feature on or off. Off, every issue endpoint answers 410
   * `Issues are disabled for this repo` and the repository reports `has_issues: false`.
   */
  setIssuesEnabled(owner: string, repo: string, enabled: boolean): void {
    this.repo(owner, repo).hasIssues = enabled;
  }

  /** Registers a token with `permissions` and returns it (`ghs_...`, like an installation token). */
  addToken(permissions: Partial<TokenPermissions> = {}, token?: string): string {
    const value = token ?? `ghs_${randomBytes(18).toString('base64url')}`;
    this.tokens.set(value, { issues: 'write', actions: 'read', ...permissions });
    return value;
  }

  /** The permissions of `token`, or undefined for a token GitHub would not know. */
  permissionsOf(token: string): TokenPermissions | undefined {
    return this.tokens.get(token);
  }

  /** Adds a workflow file to `owner/repo` (state `active` unless given) and returns it. */
  addWorkflow(owner: string, repo: string, input: WorkflowInput): WorkflowRecord {
    const workflow = workflowRecord(input, this.newId(), githubTime(this.now()));
    this.repo(owner, repo).workflows.push(workflow);
    return workflow;
  }

  /** The workflow of `owner/repo` with that file name or id (tests read its `state`). */
  workflow(owner: string, repo: string, idOrFile: string | number): WorkflowRecord | undefined {
    return findWorkflow(this.repo(owner, repo), String(idOrFile));
  }

  /**
   * Adds a workflow run: its jobs, which `GET .../actions/runs/{id}/jobs` lists, and with
   * `workflow` set the run itself, which the workflow runs endpoints list. Returns its id.
   */
  addWorkflowRun(owner: string, repo: string, run: WorkflowRunInput): number {
    const store = this.repo(owner, repo);
    const id = run.id ?? this.newId();
    if (run.workflow !== undefined)
      store.workflowRuns.push(
        workflowRunRecord(store, { ...run, workflow: run.workflow }, id, githubTime(this.now())),
      );
    const jobs = (run.jobs ?? []).map((job) => ({ ...job, id: this.newId(), run_id: id }));
    store.runs.set(id, jobs);
    return id;
  }

  /** The runs of `owner/repo` added with a workflow, oldest first. */
  workflowRuns(owner: string, repo: string): WorkflowRunRecord[] {
    return this.repo(owner, repo).workflowRuns;
  }

  /** The issues of `owner/repo`, oldest first (tests read them to check what an action did). */
  issues(owner: string, repo: string): IssueRecord[] {
    return this.repo(owner, repo).issues;
  }

  /** The comments on issue `number` of `owner/repo`, oldest first. */
  comments(owner: string, repo: string, number: number): CommentRecord[] {
    return this.repo(owner, repo).comments.filter((comment) => comment.issueNumber === number);
  }

  /** The labels of `owner/repo`. */
  labels(owner: string, repo: string): LabelRecord[] {
    return [...this.repo(owner, repo).labels.values()];
  }

  /** Answers the next matching request(s) with `fault` instead of the real response. */
  injectFault(fault: GitHubFault, match: FaultMatch = {}): void {
    this.faults.push({ fault, match, remaining: match.times ?? 1 });
  }

  /** The fault to answer `method path` with, consuming one use of it; undefined when none. */
  takeFault(method: string, path: string): GitHubFault | undefined {
    const pending = this.faults.find(
      ({ match, remaining }) =>
        remaining > 0 &&
        (match.method === undefined || match.method.toUpperCase() === method) &&
        (match.path === undefined || match.path.test(path)),
    );
    if (!pending) return undefined;
    pending.remaining -= 1;
    if (pending.remaining === 0) this.faults.splice(this.faults.indexOf(pending), 1);
    return pending.fault;
  }
}
