import { errorMessage } from '../../../shared/errors.js';
import {
  createGitHubClient,
  type GitHubClient,
  type GitHubRetryPolicy,
} from '../../../shared/github/client.js';
import { splitRepository, type RepositoryName } from '../../../shared/github/repository.js';
import { scrubSecrets } from '../../../shared/http/redact.js';
import type { Logger } from '../../../shared/logger.js';

/** How the report reaches GitHub's REST API: the token, the repository and where the API is. */
export interface GitHubAccess {
  token: string;
  /** `owner/name`; empty for the repository the workflow runs in. */
  repository: string;
  /** `GITHUB_REPOSITORY` of the run. */
  runRepository: string | undefined;
  /** `GITHUB_API_URL` of the run; api.github.com when unset. */
  apiUrl: string | undefined;
  retry?: GitHubRetryPolicy;
}

/** A client for one purpose (its refusals name `permission`) and the repository it reads. */
export interface GitHubReader {
  octokit: GitHubClient;
  repo: RepositoryName;
}

/**
 * A reader for the repository, or why there is none: no token, or no repository to read. The
 * reason is written for the report (the token itself never appears).
 */
export function githubReader(
  access: GitHubAccess,
  permission: string,
  logger: Logger,
): GitHubReader | { problem: string } {
  if (access.token === '') return { problem: "no github-token was given (input 'github-token')" };
  let repo: RepositoryName;
  try {
    repo = splitRepository(access.repository || access.runRepository);
  } catch (error) {
    return { problem: errorMessage(error) };
  }
  const octokit = createGitHubClient({
    token: access.token,
    ...(access.apiUrl ? { baseUrl: access.apiUrl } : {}),
    logger,
    userAgent: 'phx-pipeline-send-report',
    permission: () => `\`permissions: ${permission}\``,
    ...(access.retry ? { retry: access.retry } : {}),
  });
  return { octokit, repo };
}

/** An error's message for the report, with the token scrubbed. */
export const githubProblem = (error: unknown, access: GitHubAccess): string =>
  scrubSecrets(errorMessage(error), [access.token]);
