import { Octokit } from '@octokit/rest';
import { setTimeout as sleep } from 'node:timers/promises';
import { ENV, readEnv } from '../env.js';
import { ConfigurationError, NonRetryableError, RetryableError } from '../errors.js';
import type { Logger } from '../logger.js';
import { isIssuesDisabled, IssuesDisabledError } from './issues-disabled.js';

/** How hard to retry GitHub's transient failures. */
export interface GitHubRetryPolicy {
  /** Tries per request, the first included. */
  attempts: number;
  /** First backoff after a 5xx or network error; doubles each time, with full jitter. */
  baseDelayMs: number;
  /** Longest wait a `retry-after` or rate-limit reset may ask for before giving up. */
  maxWaitMs: number;
}

/** Defaults: five tries, 1 s backoff base, wait at most two minutes for a rate limit. */
export const DEFAULT_GITHUB_RETRY: GitHubRetryPolicy = {
  attempts: 5,
  baseDelayMs: 1000,
  maxWaitMs: 120_000,
};

/** GitHub refused a request for a reason retrying cannot fix; `status` is its HTTP status. */
export class GitHubRefusal extends NonRetryableError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** What to build the client with. */
export interface GitHubClientOptions {
  token: string;
  /** The REST API root; default `GITHUB_API_URL` (set by runners), else api.github.com. */
  baseUrl?: string;
  logger: Logger;
  /** Sent as the `user-agent`, naming the action in GitHub's logs. */
  userAgent: string;
  /** What to give the job when a request of this HTTP method is forbidden: "`permissions: issues: write`". */
  permission: (method: string) => string;
  retry?: GitHubRetryPolicy;
}

interface HttpFailure {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined> };
}

const header = (error: HttpFailure, name: string): string | undefined => {
  const value = error.response?.headers?.[name];
  return value === undefined ? undefined : String(value);
};

/** Milliseconds to wait before retrying `error`, or undefined when retrying cannot help. */
function retryDelay(error: HttpFailure, attempt: number, policy: GitHubRetryPolicy) {
  const { status } = error;
  const limited = status === 403 || status === 429;
  const retryAfter = header(error, 'retry-after');
  if (limited && retryAfter !== undefined) return Number(retryAfter) * 1000;
  if (limited && /secondary rate limit/i.test(error.message ?? '')) return 60_000;
  if (limited && header(error, 'x-ratelimit-remaining') === '0')
    return Math.max(0, Number(header(error, 'x-ratelimit-reset')) * 1000 - Date.now());
  if (status === undefined || status >= 500)
    return Math.random() * policy.baseDelayMs * 2 ** (attempt - 1);
  return undefined;
}

/**
 * The error for a refusal: 401 and 403 name the token and the permission the job needs; a 410
 * for Issues turned off says where to turn them on.
 */
function refusal(error: HttpFailure, what: string, permission: string): Error {
  const message = error.message ?? 'no message';
  if (isIssuesDisabled(error.status, message)) return new IssuesDisabledError();
  if (error.status === 401)
    return new ConfigurationError(
      `input 'github-token': GitHub refused the token (401 ${message}); expected a valid token such as secrets.GITHUB_TOKEN`,
    );
  if (error.status === 403 && /not accessible|permission|forbidden/i.test(message))
    return new ConfigurationError(
      `input 'github-token': the token may not ${what} (403 ${message}); give the job ${permission}`,
    );
  return new GitHubRefusal(
    error.status ?? 0,
    `GitHub answered ${error.status} to ${what}: ${message}`,
  );
}

/**
 * An Octokit for `baseUrl` whose every request (pagination included) retries 5xx, network
 * errors and rate limits, honouring `retry-after`, and fails with a message that says what to fix.
 */
export function createGitHubClient(options: GitHubClientOptions): Octokit {
  const policy = options.retry ?? DEFAULT_GITHUB_RETRY;
  const { logger } = options;
  const octokit = new Octokit({
    auth: options.token,
    baseUrl: options.baseUrl ?? readEnv(ENV.githubApiUrl) ?? 'https://api.github.com',
    userAgent: options.userAgent,
    log: {
      debug: () => undefined,
      info: () => undefined,
      warn: (message: string) => logger.debug(message),
      error: (message: string) => logger.debug(message),
    },
  });
  octokit.hook.wrap('request', async (request, endpoint) => {
    // Octokit's url is a template (`/repos/{owner}/...`); the filled-in path says what was asked.
    const path = String(endpoint.url).replace(/\{(\w+)\}/g, (hole, key: string) =>
      key in endpoint ? encodeURIComponent(String(endpoint[key])) : hole,
    );
    const what = `${endpoint.method} ${path}`;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await request(endpoint);
      } catch (caught) {
        const error = caught as HttpFailure;
        const wait = retryDelay(error, attempt, policy);
        if (wait === undefined) throw refusal(error, what, options.permission(endpoint.method));
        if (attempt >= policy.attempts || wait > policy.maxWaitMs)
          throw new RetryableError(
            `GitHub kept failing ${what} after ${attempt} tries: ${error.status ?? ''} ${error.message ?? ''}`.trim(),
          );
        logger.info(
          `GitHub answered ${error.status ?? 'no response'} to ${what}; retrying in ${Math.round(wait)} ms`,
        );
        await sleep(wait);
      }
    }
  });
  return octokit;
}
