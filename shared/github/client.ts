import { getOctokit } from '@actions/github';
import type { Octokit } from '@octokit/core';
import { retry } from '@octokit/plugin-retry';
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling';
import { ENV, readEnv } from '../env.js';
import type { Logger } from '../logger.js';
import { describeRequest, githubFailure, type HttpFailure } from './refusal.js';

export { GitHubNoAnswer, GitHubRefusal } from './refusal.js';

/** How hard to retry GitHub's transient failures. */
export interface GitHubRetryPolicy {
  /** Tries per request, the first included. */
  attempts: number;
  /** Unit of the 5xx and network backoff: @octokit/plugin-retry waits n² × this before try n + 1. */
  baseDelayMs: number;
  /** Longest wait a `retry-after` or rate-limit reset may ask for before giving up. */
  maxWaitMs: number;
  /** Longest one try may take, answer included; then it counts as a network failure. Default 30 s. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** Defaults: five tries, 0.5 s backoff unit, a minute at most for a rate limit, 30 s a try. */
export const DEFAULT_GITHUB_RETRY: GitHubRetryPolicy = {
  attempts: 5,
  baseDelayMs: 500,
  maxWaitMs: 60_000,
  timeoutMs: DEFAULT_TIMEOUT_MS,
};

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

/** Statuses plugin-retry leaves alone: its own list, and 429 which the throttling plugin waits out. */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];

/**
 * Stands in for the throttling plugin's write and notification groups, which would space every
 * write 1 s (3 s for a new issue or comment) apart across the whole process: an action makes a
 * handful of writes a run, and a secondary rate limit, should GitHub answer one, is waited out.
 */
const UNSPACED = {
  key: () => ({
    schedule: (_job: unknown, task: (...args: unknown[]) => unknown, ...args: unknown[]) =>
      Promise.resolve(task(...args)),
  }),
} as unknown as NonNullable<ThrottlingOptions['write']>;

/**
 * An Octokit from @actions/github's `getOctokit`, with Octokit's retry plugin (5xx and network
 * errors, backing off) and throttling plugin (primary and secondary rate limits, honouring
 * `retry-after` and the reset time, but never waiting past `maxWaitMs`), for every request,
 * pagination included. Each try times out after `timeoutMs`; a POST is not retried on 5xx. A failure says what to fix: the token, the permission, or how long GitHub
 * asked to wait.
 */
export function createGitHubClient(options: GitHubClientOptions) {
  const policy = options.retry ?? DEFAULT_GITHUB_RETRY;
  const timeoutMs = policy.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const { logger } = options;
  // Counted here because neither plugin tells how often a request was tried; keyed by the
  // endpoint options, which both plugins pass on unchanged.
  const tries = new WeakMap<object, number>();
  // The timeouts this client set, replaced by a fresh one on every try.
  const timeouts = new WeakSet<AbortSignal>();
  const countTries = (octokit: Octokit) => {
    octokit.hook.wrap('request', async (request, endpoint) => {
      const tried = (tries.get(endpoint) ?? 0) + 1;
      tries.set(endpoint, tried);
      const signal = endpoint.request?.signal;
      if (signal === undefined || timeouts.has(signal)) {
        const timeout = AbortSignal.timeout(timeoutMs);
        timeouts.add(timeout);
        endpoint.request = { ...endpoint.request, signal: timeout };
      }
      try {
        return await request(endpoint);
      } catch (error) {
        const { status } = error as HttpFailure;
        const retried =
          typeof error === 'object' &&
          error !== null &&
          'request' in error &&
          (status ?? 0) >= 400 &&
          !DO_NOT_RETRY.includes(status ?? 0);
        if (retried && tried < policy.attempts)
          logger.info(
            `GitHub answered ${status} to ${describeRequest(endpoint)}; trying again (try ${tried + 1} of ${policy.attempts})`,
          );
        throw error;
      }
    });
  };
  const onLimit =
    (kind: string) =>
    (retryAfter: number, endpoint: { method: string; url: string }): boolean => {
      const tried = tries.get(endpoint) ?? 1;
      const what = describeRequest(endpoint);
      if (retryAfter * 1000 > policy.maxWaitMs || tried >= policy.attempts) {
        logger.warning(`GitHub's ${kind} on ${what} asks to wait ${retryAfter} s: giving up`);
        return false;
      }
      logger.info(
        `GitHub's ${kind} on ${what}: waiting ${retryAfter} s, then try ${tried + 1} of ${policy.attempts}`,
      );
      return true;
    };
  const octokit = getOctokit(
    options.token,
    {
      // @actions/github reads GITHUB_API_URL once, on import; read it when the client is made.
      baseUrl: options.baseUrl ?? readEnv(ENV.githubApiUrl) ?? 'https://api.github.com',
      userAgent: options.userAgent,
      retry: {
        retries: policy.attempts - 1,
        retryAfterBaseValue: policy.baseDelayMs,
        doNotRetry: DO_NOT_RETRY,
      },
      throttle: {
        write: UNSPACED,
        notifications: UNSPACED,
        onRateLimit: onLimit('rate limit'),
        onSecondaryRateLimit: onLimit('secondary rate limit'),
      },
      log: {
        debug: () => undefined,
        info: () => undefined,
        warn: (message: string) => logger.debug(message),
        error: (message: string) => logger.debug(message),
      },
    },
    countTries,
    retry,
    throttling,
  );
  octokit.hook.wrap('request', async (request, endpoint) => {
    // A POST creates something: after a lost answer it may exist, so it is never sent again
    // blindly (the caller looks for what it made first: `postOnce`). Rate limits still wait.
    if (endpoint.method === 'POST') endpoint.request = { ...endpoint.request, retries: 0 };
    try {
      return await request(endpoint);
    } catch (error) {
      throw githubFailure(error as HttpFailure, {
        what: describeRequest(endpoint),
        tries: tries.get(endpoint) ?? 1,
        permission: options.permission(endpoint.method),
        maxWaitMs: policy.maxWaitMs,
        timeoutMs,
      });
    }
  });
  return octokit;
}

/** The REST client `createGitHubClient` makes. */
export type GitHubClient = ReturnType<typeof createGitHubClient>;
