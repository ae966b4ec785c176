import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startGitHubEmulator,
  type GitHubEmulator,
} from '../../../../local/sandbox/github/server.js';

const repo = { owner: 'phx', repo: 'pipeline' };
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const clock = new Date('2026-03-01T12:00:00Z');

/** The status and body of a rejected Octokit call. */
async function rejection(call: Promise<unknown>) {
  const error = (await call.then(
    () => undefined,
    (caught: unknown) => caught,
  )) as { status?: number; response?: { data: unknown } } | undefined;
  return { status: error?.status, data: error?.response?.data };
}

describe('GitHub emulator: workflows and workflow runs', () => {
  let github: GitHubEmulator;
  let octokit: Octokit;
  let nightlyId: number;

  beforeAll(async () => {
    github = await startGitHubEmulator({ now: () => clock });
    octokit = new Octokit({ auth: github.token, baseUrl: github.url, log: quiet });
    nightlyId = github.state.addWorkflow(repo.owner, repo.repo, {
      file: 'data-collection.yml',
      name: 'Data collection',
    }).id;
    github.state.addWorkflow(repo.owner, repo.repo, {
      file: 'watchdog.yml',
      state: 'disabled_inactivity',
      createdAt: '2026-01-02T03:04:05Z',
      updatedAt: '2026-02-03T04:05:06Z',
    });
    for (let day = 1; day <= 5; day += 1)
      github.state.addWorkflowRun(repo.owner, repo.repo, {
        workflow: 'data-collection.yml',
        createdAt: `2026-02-2${day}T10:00:00Z`,
        conclusion: day === 4 ? 'timed_out' : 'success',
        event: day === 2 ? 'workflow_dispatch' : 'schedule',
        headBranch: day === 5 ? 'try-proxies' : undefined,
      });
  });
  afterAll(() => github.close());

  it('gets a workflow by file name or id, and lists them', async () => {
    const byFile = await octokit.rest.actions.getWorkflow({
      ...repo,
      workflow_id: 'data-collection.yml',
    });
    expect(byFile.data).toMatchObject({
      id: nightlyId,
      name: 'Data collection',
      path: '.github/workflows/data-collection.yml',
      state: 'active',
      html_url: 'https://github.com/phx/pipeline/blob/main/.github/workflows/data-collection.yml',
    });
    const byId = await octokit.rest.actions.getWorkflow({ ...repo, workflow_id: nightlyId });
    expect(byId.data.path).toBe(byFile.data.path);
    const list = await octokit.rest.actions.listRepoWorkflows(repo);
    expect(list.data.total_count).toBe(2);
    expect(list.data.workflows.map((w) => [w.name, w.state])).toEqual([
      ['Data collection', 'active'],
      ['watchdog', 'disabled_inactivity'],
    ]);
    // When it was created and when it was last enabled or disabled, as the watchdog reads them.
    expect(list.data.workflows[1]).toMatchObject({
      created_at: '2026-01-02T03:04:05Z',
      updated_at: '2026-02-03T04:05:06Z',
    });
  });

  it('answers 404 in GitHub shape for a workflow that does not exist', async () => {
    const missing = await rejection(
      octokit.rest.actions.getWorkflow({ ...repo, workflow_id: 'nope.yml' }),
    );
    expect(missing).toEqual({
      status: 404,
      data: {
        message: 'Not Found',
        documentation_url: 'https://docs.github.com/rest/actions/workflows#get-a-workflow',
        status: '404',
      },
    });
  });

  it('lists runs newest first with filters and Link pagination', async () => {
    const all = await octokit.rest.actions.listWorkflowRuns({
      ...repo,
      workflow_id: 'data-collection.yml',
      per_page: 2,
    });
    expect(all.data.total_count).toBe(5);
    expect(all.data.workflow_runs.map((run) => run.created_at)).toEqual([
      '2026-02-25T10:00:00Z',
      '2026-02-24T10:00:00Z',
    ]);
    expect(all.headers.link).toContain('rel="next"');
    const paged = await octokit.paginate(octokit.rest.actions.listWorkflowRuns, {
      ...repo,
      workflow_id: 'data-collection.yml',
      per_page: 2,
    });
    expect(paged.map((run) => run.run_number)).toEqual([5, 4, 3, 2, 1]);
    const filtered = await octokit.rest.actions.listWorkflowRuns({
      ...repo,
      workflow_id: 'data-collection.yml',
      branch: 'main',
      event: 'schedule',
    });
    expect(filtered.data.workflow_runs.map((run) => run.run_number)).toEqual([4, 3, 1]);
    const timedOut = await octokit.rest.actions.listWorkflowRuns({
      ...repo,
      workflow_id: 'data-collection.yml',
      status: 'timed_out',
    });
    expect(timedOut.data.workflow_runs).toHaveLength(1);
    expect(timedOut.data.workflow_runs[0]).toMatchObject({
      status: 'completed',
      conclusion: 'timed_out',
      workflow_id: nightlyId,
      head_branch: 'main',
      path: '.github/workflows/data-collection.yml@refs/heads/main',
    });
    const single = await octokit.rest.actions.getWorkflowRun({
      ...repo,
      run_id: timedOut.data.workflow_runs[0]!.id,
    });
    expect(single.data.html_url).toBe(timedOut.data.workflow_runs[0]!.html_url);
  });

  it('enables a workflow with 204, needs actions: write, and reports the default branch', async () => {
    const readOnly = new Octokit({
      auth: github.state.addToken({ actions: 'read' }),
      baseUrl: github.url,
      log: quiet,
    });
    const refused = await rejection(
      readOnly.rest.actions.enableWorkflow({ ...repo, workflow_id: 'watchdog.yml' }),
    );
    expect(refused).toMatchObject({
      status: 403,
      data: { message: 'Resource not accessible by integration' },
    });
    expect(github.state.workflow(repo.owner, repo.repo, 'watchdog.yml')?.state).toBe(
      'disabled_inactivity',
    );
    const enabled = await octokit.rest.actions.enableWorkflow({
      ...repo,
      workflow_id: 'watchdog.yml',
    });
    expect(enabled.status).toBe(204);
    expect(github.state.workflow(repo.owner, repo.repo, 'watchdog.yml')?.state).toBe('active');
    await octokit.rest.actions.disableWorkflow({ ...repo, workflow_id: nightlyId });
    expect(github.state.workflow(repo.owner, repo.repo, nightlyId)?.state).toBe(
      'disabled_manually',
    );
    expect((await readOnly.rest.repos.get(repo)).data.default_branch).toBe('main');
  });
});
