import { ConfigurationError } from '../../../shared/errors.js';
import { GitHubRefusal, type GitHubClient } from '../../../shared/github/client.js';

/** A workflow as the watchdog reads it. */
export interface WorkflowInfo {
  id: number;
  /** The workflow's `name:`. */
  name: string;
  /** `active`, `disabled_inactivity`, `disabled_manually`, `disabled_fork` or `deleted`. */
  state: string;
  /** Link to the workflow file on GitHub. */
  htmlUrl: string;
  createdAt: Date;
  /** Changed when the workflow is enabled or disabled (the keepalive's enable call included). */
  updatedAt: Date;
}

/** A workflow run as the watchdog reads it. */
export interface RunInfo {
  id: number;
  runNumber: number;
  event: string;
  /** `queued`, `in_progress`, `completed`, ... */
  status: string;
  /** Set once completed: `success`, `failure`, `cancelled`, `timed_out`, ... */
  conclusion: string | null;
  createdAt: Date;
  htmlUrl: string;
}

/** How many recent runs are read per workflow: a week and more of nightly runs and retries. */
const RUNS_PER_WORKFLOW = 30;

/** The GitHub endpoints the watchdog uses, for one repository. */
export class WorkflowApi {
  constructor(
    private readonly octokit: GitHubClient,
    readonly owner: string,
    readonly repo: string,
  ) {}

  /** The repository's default branch. */
  async defaultBranch(): Promise<string> {
    const { data } = await this.octokit.rest.repos.get({ owner: this.owner, repo: this.repo });
    return data.default_branch;
  }

  /** The workflow of file `file`; a 404 names the file and `input`, the input that listed it. */
  async workflow(file: string, input: string): Promise<WorkflowInfo> {
    try {
      const { data } = await this.octokit.rest.actions.getWorkflow({
        owner: this.owner,
        repo: this.repo,
        workflow_id: file,
      });
      return {
        id: data.id,
        name: data.name,
        state: data.state,
        htmlUrl: data.html_url,
        createdAt: new Date(data.created_at),
        updatedAt: new Date(data.updated_at),
      };
    } catch (error) {
      if (error instanceof GitHubRefusal && error.status === 404)
        throw new ConfigurationError(
          `input '${input}': workflow file '${file}' was not found in ${this.owner}/${this.repo} (404); expected the file name of a workflow under .github/workflows, e.g. data-collection.yml`,
        );
      throw error;
    }
  }

  /** The newest runs of `file`, newest first; only those on `branch` unless it is undefined. */
  async recentRuns(file: string, branch: string | undefined): Promise<RunInfo[]> {
    const { data } = await this.octokit.rest.actions.listWorkflowRuns({
      owner: this.owner,
      repo: this.repo,
      workflow_id: file,
      per_page: RUNS_PER_WORKFLOW,
      exclude_pull_requests: true,
      ...(branch === undefined ? {} : { branch }),
    });
    return data.workflow_runs.map((run) => ({
      id: run.id,
      runNumber: run.run_number,
      event: run.event,
      status: run.status ?? 'unknown',
      conclusion: run.conclusion,
      createdAt: new Date(run.created_at),
      htmlUrl: run.html_url,
    }));
  }

  /** `PUT .../enable`: sets the workflow `active`; on an active one it only records activity. */
  async enable(file: string): Promise<void> {
    await this.octokit.rest.actions.enableWorkflow({
      owner: this.owner,
      repo: this.repo,
      workflow_id: file,
    });
  }
}
