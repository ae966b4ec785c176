import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startGitHubEmulator,
  type GitHubEmulator,
} from '../../../../local/sandbox/github/server.js';

const repo = { owner: 'phx', repo: 'pipeline' };
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** The status and body of a rejected Octokit call. */
async function rejection(call: Promise<unknown>): Promise<{
  status?: number;
  message?: string;
  response?: { headers: Record<string, string>; data: unknown };
}> {
  const error = (await call.then(
    () => undefined,
    (caught: unknown) => caught,
  )) as {
    status?: number;
    message?: string;
    response?: { headers: Record<string, string>; data: unknown };
  };
  return { status: error?.status, message: error?.message, response: error?.response };
}

describe('GitHub REST emulator with the unmodified @octokit/rest client', () => {
  let github: GitHubEmulator;
  let octokit: Octokit;

  beforeAll(async () => {
    github = await startGitHubEmulator();
    octokit = new Octokit({ auth: github.token, baseUrl: github.url, log: quiet });
  });
  afterAll(() => github.close());

  it('creates, lists by label with Link pagination, updates and reopens issues', async () => {
    for (let n = 1; n <= 7; n += 1) {
      await octokit.rest.issues.create({
        ...repo,
        title: `issue ${n}`,
        labels: n % 2 ? ['incident', 'Severity:P1'] : ['other'],
      });
    }
    const firstPage = await octokit.rest.issues.listForRepo({
      ...repo,
      labels: 'incident',
      per_page: 2,
    });
    expect(firstPage.data.map((issue) => issue.number)).toEqual([7, 5]);
    expect(firstPage.headers.link).toContain('rel="next"');
    const all = await octokit.paginate(octokit.rest.issues.listForRepo, {
      ...repo,
      labels: 'incident,severity:p1',
      state: 'all',
      per_page: 2,
    });
    expect(all.map((issue) => issue.number)).toEqual([7, 5, 3, 1]);
    expect(all[0]?.labels.map((label) => (typeof label === 'string' ? label : label.name))).toEqual(
      ['incident', 'Severity:P1'],
    );

    const closed = await octokit.rest.issues.update({
      ...repo,
      issue_number: 3,
      state: 'closed',
      state_reason: 'not_planned',
    });
    expect(closed.data).toMatchObject({ state: 'closed', state_reason: 'not_planned' });
    expect(closed.data.closed_at).not.toBeNull();
    const open = await octokit.rest.issues.listForRepo({ ...repo, labels: 'incident' });
    expect(open.data.map((issue) => issue.number)).toEqual([7, 5, 1]);
    const reopened = await octokit.rest.issues.update({ ...repo, issue_number: 3, state: 'open' });
    expect(reopened.data).toMatchObject({
      state: 'open',
      state_reason: 'reopened',
      closed_at: null,
    });
    const fetched = await octokit.rest.issues.get({ ...repo, issue_number: 3 });
    expect(fetched.data.title).toBe('issue 3');
    expect((await rejection(octokit.rest.issues.get({ ...repo, issue_number: 99 }))).status).toBe(
      404,
    );
  });

  it('lists and creates comments, counting them on the issue', async () => {
    const { data: issue } = await octokit.rest.issues.create({ ...repo, title: 'commented' });
    await octokit.rest.issues.createComment({ ...repo, issue_number: issue.number, body: 'one' });
    await octokit.rest.issues.createComment({ ...repo, issue_number: issue.number, body: 'two' });
    const comments = await octokit.rest.issues.listComments({
      ...repo,
      issue_number: issue.number,
    });
    expect(comments.data.map((comment) => comment.body)).toEqual(['one', 'two']);
    const after = await octokit.rest.issues.get({ ...repo, issue_number: issue.number });
    expect(after.data.comments).toBe(2);
    const empty = await rejection(
      octokit.rest.issues.createComment({ ...repo, issue_number: issue.number, body: '' }),
    );
    expect(empty.status).toBe(422);
  });

  it('creates labels and answers 422 already_exists for a duplicate name in any case', async () => {
    const created = await octokit.rest.issues.createLabel({
      ...repo,
      name: 'component:store-mongo',
      color: 'c5def5',
    });
    expect(created.status).toBe(201);
    const duplicate = await rejection(
      octokit.rest.issues.createLabel({ ...repo, name: 'Component:Store-Mongo', color: 'c5def5' }),
    );
    expect(duplicate.status).toBe(422);
    expect(duplicate.response?.data).toMatchObject({
      message: 'Validation Failed',
      errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }],
    });
    const fetched = await octokit.rest.issues.getLabel({ ...repo, name: 'component:store-mongo' });
    expect(fetched.data.color).toBe('c5def5');
    expect((await rejection(octokit.rest.issues.getLabel({ ...repo, name: 'nope' }))).status).toBe(
      404,
    );
  });

  it('checks tokens: 401 without or with an unknown one, 403 for writes without issues: write', async () => {
    const anonymous = new Octokit({ baseUrl: github.url, log: quiet });
    const none = await rejection(anonymous.rest.issues.listForRepo(repo));
    expect(none.status).toBe(401);
    expect(none.message).toContain('Requires authentication');
    const unknown = new Octokit({ auth: 'ghp_not-a-real-token', baseUrl: github.url, log: quiet });
    const badToken = await rejection(unknown.rest.issues.listForRepo(repo));
    expect(badToken.status).toBe(401);
    expect(badToken.message).toContain('Bad credentials');
    const readOnly = new Octokit({
      auth: github.state.addToken({ issues: 'read' }),
      baseUrl: github.url,
      log: quiet,
    });
    expect((await readOnly.rest.issues.listForRepo(repo)).status).toBe(200);
    const write = await rejection(readOnly.rest.issues.create({ ...repo, title: 'x' }));
    expect(write.status).toBe(403);
    expect(write.message).toContain('Resource not accessible by integration');
  });

  it('sends rate-limit headers and request ids, and injects secondary rate limits and 5xx', async () => {
    const ok = await octokit.rest.issues.listForRepo(repo);
    expect(ok.headers['x-ratelimit-limit']).toBe('5000');
    expect(Number(ok.headers['x-ratelimit-remaining'])).toBeLessThan(5000);
    expect(ok.headers['x-ratelimit-resource']).toBe('core');
    expect(ok.headers['x-github-request-id']).toMatch(/^[0-9A-F]{4}:/);

    github.state.injectFault(
      { kind: 'secondary-rate-limit', retryAfterSeconds: 7 },
      { method: 'POST' },
    );
    const limited = await rejection(octokit.rest.issues.create({ ...repo, title: 'limited' }));
    expect(limited.status).toBe(403);
    expect(limited.message).toContain('secondary rate limit');
    expect(limited.response?.headers['retry-after']).toBe('7');

    github.state.injectFault(
      { kind: 'server-error', status: 503 },
      { path: /\/issues$/, times: 2 },
    );
    expect((await rejection(octokit.rest.issues.listForRepo(repo))).status).toBe(503);
    expect((await rejection(octokit.rest.issues.listForRepo(repo))).status).toBe(503);
    expect((await octokit.rest.issues.listForRepo(repo)).status).toBe(200);
  });

  it('answers the primary rate limit with 403 and remaining 0', async () => {
    const small = await startGitHubEmulator({ rateLimit: 2 });
    try {
      const client = new Octokit({ auth: small.token, baseUrl: small.url, log: quiet });
      await client.rest.issues.listForRepo(repo);
      await client.rest.issues.listForRepo(repo);
      const limited = await rejection(client.rest.issues.listForRepo(repo));
      expect(limited.status).toBe(403);
      expect(limited.response?.headers['x-ratelimit-remaining']).toBe('0');
    } finally {
      await small.close();
    }
  });

  it('answers a rate limit with a short window as 429, its reset within the window', async () => {
    const small = await startGitHubEmulator({
      rateLimit: 1,
      rateLimitWindowSeconds: 60,
      rateLimitStatus: 429,
    });
    try {
      const client = new Octokit({ auth: small.token, baseUrl: small.url, log: quiet });
      await client.rest.issues.listForRepo(repo);
      const limited = await rejection(client.rest.issues.listForRepo(repo));
      expect(limited.status).toBe(429);
      expect(limited.response?.headers['x-ratelimit-remaining']).toBe('0');
      const resetIn = Number(limited.response?.headers['x-ratelimit-reset']) - Date.now() / 1000;
      expect(resetIn).toBeGreaterThan(0);
      expect(resetIn).toBeLessThanOrEqual(60);
    } finally {
      await small.close();
    }
  });

  it('answers 410 on every issue endpoint, as GitHub does, while Issues are turned off', async () => {
    const fork = { owner: 'phx', repo: 'fresh-fork' };
    await octokit.rest.issues.create({ ...fork, title: 'before' });
    github.state.setIssuesEnabled(fork.owner, fork.repo, false);
    const calls: Array<[string, () => Promise<unknown>]> = [
      ['list', () => octokit.rest.issues.listForRepo(fork)],
      ['create', () => octokit.rest.issues.create({ ...fork, title: 'x' })],
      ['get', () => octokit.rest.issues.get({ ...fork, issue_number: 1 })],
      ['update', () => octokit.rest.issues.update({ ...fork, issue_number: 1, state: 'closed' })],
      ['comments', () => octokit.rest.issues.listComments({ ...fork, issue_number: 1 })],
      ['comment', () => octokit.rest.issues.createComment({ ...fork, issue_number: 1, body: 'x' })],
      ['labels', () => octokit.rest.issues.addLabels({ ...fork, issue_number: 1, labels: ['x'] })],
    ];
    for (const [name, call] of calls) {
      const refused = await rejection(call());
      expect(refused.status, name).toBe(410);
      const body = refused.response?.data as Record<string, unknown> | undefined;
      expect(Object.keys(body ?? {}).sort(), name).toEqual([
        'documentation_url',
        'message',
        'status',
      ]);
      expect(body?.message, name).toBe('Issues are disabled for this repo');
      expect(body?.status, name).toBe('410');
      expect(body?.documentation_url, name).toMatch(/^https:\/\/docs\.github\.com\/rest\/issues\//);
    }
    const { data: repository } = await octokit.rest.repos.get(fork);
    expect(repository.has_issues).toBe(false);
    expect((await octokit.rest.repos.get(repo)).data.has_issues).toBe(true);
    github.state.setIssuesEnabled(fork.owner, fork.repo, true);
    expect((await octokit.rest.issues.get({ ...fork, issue_number: 1 })).data.state).toBe('open');
  });

  it('lists the jobs of a workflow run, latest attempt or all, paginated', async () => {
    const job = (name: string, attempt: number) => ({
      name,
      status: 'completed',
      conclusion: 'success',
      started_at: '2026-11-28T10:00:00Z',
      completed_at: '2026-11-28T10:04:30Z',
      labels: ['ubuntu-latest'],
      run_attempt: attempt,
    });
    github.state.addWorkflowRun(repo.owner, repo.repo, {
      id: 4242,
      jobs: [job('collect (85031)', 1), job('collect (85031)', 2), job('store', 2)],
    });
    const latest = await octokit.rest.actions.listJobsForWorkflowRun({ ...repo, run_id: 4242 });
    expect(latest.data.total_count).toBe(2);
    expect(latest.data.jobs[0]).toMatchObject({
      run_id: 4242,
      name: 'collect (85031)',
      labels: ['ubuntu-latest'],
    });
    const all = await octokit.paginate(octokit.rest.actions.listJobsForWorkflowRun, {
      ...repo,
      run_id: 4242,
      filter: 'all',
      per_page: 1,
    });
    expect(all.map((entry) => entry.name)).toEqual(['collect (85031)', 'collect (85031)', 'store']);
    const missing = await rejection(
      octokit.rest.actions.listJobsForWorkflowRun({ ...repo, run_id: 1 }),
    );
    expect(missing.status).toBe(404);
  });
});
