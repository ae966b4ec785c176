import { NonRetryableError } from '../../../shared/errors.js';
import { createGitHubClient, type GitHubRetryPolicy } from '../../../shared/github/client.js';
import type { Logger } from '../../../shared/logger.js';
import type { RunJob } from './job-minutes.js';

/** Where the jobs of a workflow run are read from. */
export interface RunJobsRequest {
  /** Token with `actions: read` on the repository. */
  token: string;
  /** REST API root: `GITHUB_API_URL` on runners, an emulator in tests. */
  apiUrl: string;
  /** `owner/name`. */
  repository: string;
  runId: string;
}

/** Three tries, 2 s backoff unit, wait at most 30 s for a rate limit. */
const DEFAULT_RETRY: GitHubRetryPolicy = { attempts: 3, baseDelayMs: 2000, maxWaitMs: 30_000 };

/**
 * Reads every job of every attempt of the run (`GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs`
 * with `filter: all`, following pagination): GitHub bills an attempt that timed out and was re-run
 * as much as the re-run. The shared GitHub client tries again on 5xx and rate limits within
 * `retry`; a refused token names `github-token` and the `actions: read` permission.
 */
export async function fetchRunJobs(
  request: RunJobsRequest,
  logger: Logger,
  retry: GitHubRetryPolicy = DEFAULT_RETRY,
): Promise<RunJob[]> {
  const [owner, repo] = request.repository.split('/');
  if (!owner || !repo)
    throw new NonRetryableError(
      `GITHUB_REPOSITORY: expected owner/name, got '${request.repository}'`,
    );
  const octokit = createGitHubClient({
    token: request.token,
    baseUrl: request.apiUrl.replace(/\/$/, ''),
    logger,
    userAgent: 'phx-pipeline-check-budget',
    permission: () => '`permissions: actions: read`',
    retry,
  });
  const jobs = await octokit.paginate(octokit.rest.actions.listJobsForWorkflowRun, {
    owner,
    repo,
    run_id: Number(request.runId),
    filter: 'all',
    per_page: 100,
  });
  logger.debug(`jobs of run ${request.runId}: ${JSON.stringify(jobs.map((job) => job.name))}`);
  return jobs.map((job) => ({
    id: job.id,
    runAttempt: job.run_attempt ?? 1,
    name: job.name,
    status: job.status,
    conclusion: job.conclusion,
    startedAt: job.started_at,
    completedAt: job.completed_at,
    labels: job.labels,
  }));
}
