import { ConfigurationError, errorMessage } from '../../../shared/errors.js';
import { createGitHubClient } from '../../../shared/github/client.js';
import { ISSUES_DISABLED_FIX } from '../../../shared/github/issues-disabled.js';
import { splitRepository } from '../../../shared/github/repository.js';
import { memoryLogger } from '../../../shared/logger.js';
import { fail, pass, skip, warn, type CheckOutcome, type CheckSpec } from './check.js';

// One try: the check has its own time limit, and a retry's sleep would outlive it.
const ONE_TRY = { attempts: 1, baseDelayMs: 0, maxWaitMs: 0 };

/**
 * Whether the repository has Issues turned on (`has_issues` of `GET /repos/{owner}/{repo}`,
 * which any token may read): the incident jobs file their incidents there, and a new fork has
 * them off. Off is an error naming the setting; a repository that cannot be read is a warning.
 */
async function checkIssues(
  token: string,
  repository: string,
  signal: AbortSignal,
): Promise<CheckOutcome> {
  const { owner, repo } = splitRepository(repository);
  const octokit = createGitHubClient({
    token,
    logger: memoryLogger(),
    userAgent: 'phx-pipeline-preflight',
    permission: () => '`permissions: contents: read`',
    retry: ONE_TRY,
  });
  try {
    const { data } = await octokit.rest.repos.get({ owner, repo, request: { signal } });
    return data.has_issues
      ? pass(`Issues are enabled in ${repository}: incidents can be filed`)
      : fail(`${ISSUES_DISABLED_FIX} (the incident jobs file incidents as issues)`);
  } catch (error) {
    if (error instanceof ConfigurationError) return fail(error.message);
    return warn(`could not read ${repository} to check its Issues: ${errorMessage(error)}`);
  }
}

/** The Issues check of `repository` with `token`; skipped when either is missing. */
export function issuesCheck(token: string, repository: string | undefined): CheckSpec {
  const spec = {
    name: 'GitHub Issues enabled',
    subject: 'GitHub API',
    onTimeout: 'warning' as const,
  };
  const skipped = (why: string): CheckSpec => ({ ...spec, run: () => Promise.resolve(skip(why)) });
  if (token === '') return skipped('no github-token: not checked');
  if (!repository) return skipped('GITHUB_REPOSITORY is not set: not checked');
  return { ...spec, run: (signal) => checkIssues(token, repository, signal) };
}
