import type { Logger } from '../../../shared/logger.js';
import { githubProblem, githubReader, type GitHubAccess } from './github-access.js';
import { phoenixDate } from './phoenix-day.js';

/** A run of the collection workflow, as uptime counts it. */
export interface NightRun {
  id: string;
  createdAt: string;
  /** `completed`, `in_progress`, `queued`, ... */
  status: string;
  /** `success`, `failure`, ...; null while not completed. */
  conclusion: string | null;
}

/** The workflow's runs created on or after a Phoenix day, or why they could not be read. */
export interface WorkflowHistory {
  workflow: string;
  runs: NightRun[];
  /** Whether the workflow ran before that day (else its first run is among `runs`). */
  ranBefore: boolean;
  problem: string | undefined;
}

/**
 * Lists `workflow`'s runs newest first, page by page, until one was created before the Phoenix
 * day `fromDay`. Without a token, or when GitHub refuses or fails, the problem says why.
 */
export async function readWorkflowRuns(
  access: GitHubAccess,
  workflow: string,
  fromDay: string,
  logger: Logger,
): Promise<WorkflowHistory> {
  const history: WorkflowHistory = { workflow, runs: [], ranBefore: false, problem: undefined };
  const reader = githubReader(access, 'actions: read', logger);
  if ('problem' in reader) return { ...history, problem: reader.problem };
  const { octokit, repo } = reader;
  try {
    const pages = octokit.paginate.iterator(octokit.rest.actions.listWorkflowRuns, {
      owner: repo.owner,
      repo: repo.repo,
      workflow_id: workflow,
      per_page: 100,
    });
    for await (const page of pages) {
      for (const run of page.data) {
        if (phoenixDate(run.created_at) < fromDay) history.ranBefore = true;
        else
          history.runs.push({
            id: String(run.id),
            createdAt: run.created_at,
            status: run.status ?? '',
            conclusion: run.conclusion ?? null,
          });
      }
      if (history.ranBefore) break;
    }
    logger.info(`${history.runs.length} runs of ${workflow} since ${fromDay}`);
    return history;
  } catch (error) {
    const problem = githubProblem(error, access);
    logger.warning(`runs of ${workflow} not read: ${problem}`);
    return { ...history, problem };
  }
}
