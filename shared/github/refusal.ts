import { ConfigurationError, NonRetryableError, RetryableError } from '../errors.js';
import { isIssuesDisabled, IssuesDisabledError } from './issues-disabled.js';

/** GitHub refused a request for a reason retrying cannot fix; `status` is its HTTP status. */
export class GitHubRefusal extends NonRetryableError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * GitHub did not answer (5xx, network failure, timeout): a write may or may not have been done.
 * Retryable, but a caller that creates something looks for it first (see `postOnce`).
 */
export class GitHubNoAnswer extends RetryableError {}

/** The parts of Octokit's `RequestError` the messages are made of. */
export interface HttpFailure {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined> };
}

const header = (error: HttpFailure, name: string): string | undefined => {
  const value = error.response?.headers?.[name];
  return value === undefined ? undefined : String(value);
};

/**
 * `METHOD /path` of a request, the path filled in: Octokit's url is a template (`/repos/{owner}/...`),
 * or a full URL with its query when pagination follows a `link` header.
 */
export function describeRequest(endpoint: {
  method: string;
  url: string;
  [key: string]: unknown;
}): string {
  const url = endpoint.url.replace(/\{(\w+)\}/g, (hole, key: string) =>
    key in endpoint ? encodeURIComponent(String(endpoint[key])) : hole,
  );
  return `${endpoint.method} ${new URL(url, 'http://api').pathname}`;
}

/** Which of GitHub's rate limits answered, and the seconds it asks to wait; undefined when none. */
export function rateLimitOf(
  error: HttpFailure,
  now = Date.now(),
): { kind: 'rate limit' | 'secondary rate limit'; waitSeconds: number } | undefined {
  if (error.status !== 403 && error.status !== 429) return undefined;
  // The same tests as @octokit/plugin-throttling, so that the message matches what it did.
  if (/\bsecondary rate\b/i.test(error.message ?? ''))
    return {
      kind: 'secondary rate limit',
      waitSeconds: Number(header(error, 'retry-after')) || 60,
    };
  if (header(error, 'x-ratelimit-remaining') !== '0') return undefined;
  const reset = Number(header(error, 'x-ratelimit-reset')) * 1000;
  return { kind: 'rate limit', waitSeconds: Math.max(0, Math.ceil((reset - now) / 1000) + 1) };
}

/** What the failed request was, how often it was tried, and what the job may do about it. */
export interface FailureContext {
  /** `METHOD /path`, the path filled in. */
  what: string;
  tries: number;
  /** The permission to give the job when this request is forbidden. */
  permission: string;
  /** The longest rate-limit wait the client accepts, in ms. */
  maxWaitMs: number;
  /** How long one try may take, in ms. */
  timeoutMs: number;
}

/**
 * The error for a failed request: 401 and 403 name the token and the permission the job needs;
 * a 410 for Issues turned off says where to turn them on; a rate limit says how long GitHub asked
 * to wait; 5xx and network failures say how often they were tried. Written here because
 * Octokit's errors carry GitHub's message only, not what the user should change.
 */
export function githubFailure(error: HttpFailure, context: FailureContext): Error {
  const { what, tries } = context;
  const message = error.message ?? 'no message';
  const limit = rateLimitOf(error);
  if (limit) {
    const why =
      limit.waitSeconds * 1000 > context.maxWaitMs
        ? `asks to wait ${limit.waitSeconds} s, longer than the ${Math.round(context.maxWaitMs / 1000)} s this job waits; run it again later`
        : `still in force after ${tries} tries`;
    return new RetryableError(`GitHub's ${limit.kind} on ${what} ${why} (${message})`, {
      cause: error,
      retryAfterMs: limit.waitSeconds * 1000,
    });
  }
  if (isIssuesDisabled(error.status, message)) return new IssuesDisabledError();
  if (error.status === 401)
    return new ConfigurationError(
      `input 'github-token': GitHub refused the token (401 ${message}); expected a valid token such as secrets.GITHUB_TOKEN`,
    );
  if (error.status === 403 && /not accessible|permission|forbidden/i.test(message))
    return new ConfigurationError(
      `input 'github-token': the token may not ${what} (403 ${message}); give the job ${context.permission}`,
    );
  if (error.status === undefined || error.status >= 500) {
    const timedOut = /aborted due to timeout/i.test(message);
    const detail = timedOut
      ? `no answer within ${Math.round(context.timeoutMs / 1000)} s`
      : `${error.status ?? ''} ${message}`.trim();
    return new GitHubNoAnswer(
      `GitHub ${tries > 1 ? `kept failing ${what} after ${tries} tries` : `failed ${what}`}: ${detail}`,
      { cause: error },
    );
  }
  return new GitHubRefusal(error.status, `GitHub answered ${error.status} to ${what}: ${message}`);
}
