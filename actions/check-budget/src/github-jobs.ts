import { Octokit } from '@octokit/rest';
import { setTimeout as delay } from 'node:timers/promises';
import { NonRetryableError, RetryableError, errorMessage } from '../../../shared/errors.js';
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

/** How hard to try: attempts in all, and the waits between them. */
export interface RetryPolicy {
  attempts: number;
  /** First wait; doubled each time unless GitHub sends `retry-after`. */
  baseDelayMs: number;
  /** A longer `retry-after` than this ends the tries instead of blocking the job. */
  maxDelayMs: number;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 2000, maxDelayMs: 30_000 };

function responseOf(error: unknown): { status?: number; retryAfterMs?: number } {
  const { status, response } = (error ?? {}) as {
    status?: unknown;
    response?: { headers?: Record<string, string | undefined> };
  };
  const after = response?.headers?.['retry-after'];
  return {
    status: typeof status === 'number' ? status : undefined,
    retryAfterMs: after && /^\d+$/.test(after) ? Number(after) * 1000 : undefined,
  };
}

/** Refusals name the token; a secondary rate limit (403 with retry-after), 5xx and network are retryable. */
function classify(error: unknown, what: string): NonRetryableError | RetryableError {
  const { status, retryAfterMs } = responseOf(error);
  if (retryAfterMs === undefined && (status === 401 || status === 403 || status === 404)) {
    return new NonRetryableError(
      `input 'github-token': GitHub answered ${status} for the ${what}; expected a token with actions: read`,
      { cause: error },
    );
  }
  if (status !== undefined && status < 500 && retryAfterMs === undefined) {
    return new NonRetryableError(`reading the ${what} failed: ${errorMessage(error)}`, {
      cause: error,
    });
  }
  return new RetryableError(`reading the ${what} failed: ${errorMessage(error)}`, {
    cause: error,
    retryAfterMs,
  });
}

/**
 * Reads every job of every attempt of the run (`GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs`
 * with `filter: all`, following pagination): GitHub bills an attempt that timed out and was re-run
 * as much as the re-run. Tries again on 5xx and rate limits within `retry`. A refused token or
 * unknown run is NonRetryable, naming `github-token`.
 */
export async function fetchRunJobs(
  request: RunJobsRequest,
  logger: Logger,
  retry: RetryPolicy = DEFAULT_RETRY,
): Promise<RunJob[]> {
  const [owner, repo] = request.repository.split('/');
  if (!owner || !repo)
    throw new NonRetryableError(
      `GITHUB_REPOSITORY: expected owner/name, got '${request.repository}'`,
    );
  const octokit = new Octokit({
    auth: request.token,
    baseUrl: request.apiUrl.replace(/\/$/, ''),
    userAgent: 'phx-pipeline-check-budget',
    // Octokit would otherwise write its own warnings to the console.
    log: {
      debug: (message: string) => logger.debug(message),
      info: (message: string) => logger.debug(message),
      warn: (message: string) => logger.warning(message),
      error: (message: string) => logger.error(message),
    },
  });
  const what = `jobs of run ${request.runId} in ${request.repository}`;
  for (let attempt = 1; ; attempt += 1) {
    try {
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
    } catch (error) {
      const failure = classify(error, what);
      const waitMs =
        failure instanceof RetryableError
          ? (failure.retryAfterMs ?? retry.baseDelayMs * 2 ** (attempt - 1))
          : Infinity;
      if (attempt >= retry.attempts || waitMs > retry.maxDelayMs) throw failure;
      logger.info(`${failure.message}; trying again in ${Math.round(waitMs / 1000)} s`);
      await delay(waitMs);
    }
  }
}
