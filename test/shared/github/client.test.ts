import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../../../local/sandbox/github/server.js';
import { ConfigurationError, RetryableError } from '../../../shared/errors.js';
import {
  createGitHubClient,
  GitHubRefusal,
  type GitHubClientOptions,
} from '../../../shared/github/client.js';
import { memoryLogger } from '../../../shared/logger.js';

let github: GitHubEmulator;
beforeEach(async () => void (github = await startGitHubEmulator()));
afterEach(() => github.close());

const client = (options: Partial<GitHubClientOptions> = {}) =>
  createGitHubClient({
    token: github.token,
    baseUrl: github.url,
    logger: memoryLogger(),
    userAgent: 'phx-pipeline-test',
    permission: (method) => (method === 'GET' ? '`issues: read`' : '`issues: write`'),
    retry: { attempts: 3, baseDelayMs: 1, maxWaitMs: 1000 },
    ...options,
  });
const repo = { owner: 'phx', repo: 'pipeline' };
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('createGitHubClient', () => {
  it('retries a 502 and answers, logging the retry', async () => {
    const logger = memoryLogger();
    github.state.injectFault({ kind: 'server-error', status: 502 }, { path: /\/issues$/ });
    const { data } = await client({ logger }).rest.issues.listForRepo(repo);
    expect(data).toEqual([]);
    expect(github.state.requests.map((request) => request.status)).toEqual([502, 200]);
    expect(logger.lines.join('\n')).toMatch(
      /GitHub answered 502 to GET \/repos\/phx\/pipeline\/issues; trying again \(try 2 of 3\)/,
    );
  });

  it('gives up after the policy tries with a retryable error naming the request', async () => {
    github.state.injectFault({ kind: 'server-error', status: 503 }, { times: 5 });
    const error = await failure(client().rest.issues.listForRepo(repo));
    expect(error).toBeInstanceOf(RetryableError);
    expect((error as Error).message).toMatch(
      /^GitHub kept failing GET \/repos\/phx\/pipeline\/issues after 3 tries: 503 Server Error/,
    );
    expect(github.state.requests).toHaveLength(3);
  });

  it('names the token for a 401, and the permission for the method of a 403', async () => {
    const unknown = await failure(client({ token: 'ghs_unknown' }).rest.issues.listForRepo(repo));
    expect(unknown).toBeInstanceOf(ConfigurationError);
    expect((unknown as Error).message).toMatch(
      /^input 'github-token': GitHub refused the token \(401 /,
    );
    const readOnly = github.state.addToken({ issues: 'read' });
    const create = client({ token: readOnly }).rest.issues.create({ ...repo, title: 'x' });
    const forbidden = await failure(create);
    expect(forbidden).toBeInstanceOf(ConfigurationError);
    expect((forbidden as Error).message).toMatch(
      /^input 'github-token': the token may not POST \/repos\/phx\/pipeline\/issues \(403 .*\); give the job `issues: write`$/,
    );
  });

  it('fails a 404 at once with its status, for callers that expect it', async () => {
    const error = await failure(client().rest.issues.get({ ...repo, issue_number: 9 }));
    expect(error).toBeInstanceOf(GitHubRefusal);
    expect((error as GitHubRefusal).status).toBe(404);
    expect(github.state.requests).toHaveLength(1);
  });

  it('waits out a primary rate limit until its reset, then answers', async () => {
    // One request per three-second window, answered 429 past that as GitHub may.
    const limited = await startGitHubEmulator({
      rateLimit: 1,
      rateLimitWindowSeconds: 3,
      rateLimitStatus: 429,
    });
    try {
      const logger = memoryLogger();
      const octokit = client({
        token: limited.token,
        baseUrl: limited.url,
        logger,
        retry: { attempts: 3, baseDelayMs: 1, maxWaitMs: 10_000 },
      });
      await octokit.rest.issues.listForRepo(repo);
      const { data } = await octokit.rest.issues.listForRepo(repo);
      expect(data).toEqual([]);
      expect(limited.state.requests.map((request) => request.status)).toEqual([200, 429, 200]);
      expect(logger.lines.join('\n')).toMatch(
        /GitHub's rate limit on GET \/repos\/phx\/pipeline\/issues: waiting \d s, then try 2 of 3/,
      );
    } finally {
      await limited.close();
    }
  });

  it('gives up on a rate limit that resets later than the job may wait, saying so', async () => {
    const limited = await startGitHubEmulator({ rateLimit: 1 });
    try {
      const octokit = client({ token: limited.token, baseUrl: limited.url });
      await octokit.rest.issues.listForRepo(repo);
      const error = await failure(octokit.rest.issues.listForRepo(repo));
      expect(error).toBeInstanceOf(RetryableError);
      expect((error as Error).message).toMatch(
        /^GitHub's rate limit on GET \/repos\/phx\/pipeline\/issues asks to wait \d+ s, longer than the 1 s this job waits; run it again later \(API rate limit exceeded/,
      );
      // Refused at once, not slept on: the hour's reset is far past the cap.
      expect(limited.state.requests.map((request) => request.status)).toEqual([200, 403]);
    } finally {
      await limited.close();
    }
  });

  it('refuses a repository with Issues turned off once, saying where to turn them on', async () => {
    github.state.repo('phx', 'pipeline').hasIssues = false;
    const error = await failure(client().rest.issues.listForRepo(repo));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(
      /^Issues are disabled for this repository: enable them/,
    );
    expect(github.state.requests.map((request) => request.status)).toEqual([410]);
  });
});
