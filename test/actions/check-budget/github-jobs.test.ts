import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchRunJobs } from '../../../actions/check-budget/src/github-jobs.js';
import { createCheckBudgetAction } from '../../../actions/check-budget/src/main.js';
import { runAction, type ActionRuntime } from '../../../shared/action.js';
import { ConfigurationError, RetryableError } from '../../../shared/errors.js';
import { memoryLogger } from '../../../shared/logger.js';
import {
  startGitHubEmulator,
  type GitHubEmulator,
  type WorkflowJobInput,
} from '../../../local/sandbox/github/server.js';

const root = resolve(import.meta.dirname, '../../..');
let github: GitHubEmulator;
let dir: string;

beforeAll(async () => {
  github = await startGitHubEmulator();
  dir = await mkdtemp(join(tmpdir(), 'check-budget-jobs-'));
});
afterAll(async () => {
  await github.close();
  await rm(dir, { recursive: true, force: true });
});

function job(
  name: string,
  start: string,
  end: string | null,
  labels: string[],
  attempt = 1,
): WorkflowJobInput {
  return {
    name,
    status: end ? 'completed' : 'in_progress',
    conclusion: end ? 'success' : null,
    started_at: start,
    completed_at: end,
    labels,
    run_attempt: attempt,
  };
}

describe('job minutes from the REST API', () => {
  it('reads every job of every attempt, following pagination', async () => {
    const shards = Array.from({ length: 130 }, (_, i) =>
      job(`collect (${i})`, '2026-11-28T10:00:00Z', '2026-11-28T10:00:40Z', ['ubuntu-latest'], 2),
    );
    const firstAttempt = job(
      'collect (0)',
      '2026-11-28T09:00:00Z',
      '2026-11-28T09:30:00Z',
      ['ubuntu-latest'],
      1,
    );
    github.state.addWorkflowRun('phx', 'pipeline', { id: 7001, jobs: [firstAttempt, ...shards] });
    const before = github.state.requests.length;

    const jobs = await fetchRunJobs(
      { token: github.token, apiUrl: github.url, repository: 'phx/pipeline', runId: '7001' },
      memoryLogger(),
    );

    expect(jobs).toHaveLength(131);
    expect(jobs.slice(0, 2)).toEqual([
      {
        id: expect.any(Number) as number,
        runAttempt: 1,
        name: 'collect (0)',
        status: 'completed',
        conclusion: 'success',
        startedAt: '2026-11-28T09:00:00Z',
        completedAt: '2026-11-28T09:30:00Z',
        labels: ['ubuntu-latest'],
      },
      {
        id: expect.any(Number) as number,
        runAttempt: 2,
        name: 'collect (0)',
        status: 'completed',
        conclusion: 'success',
        startedAt: '2026-11-28T10:00:00Z',
        completedAt: '2026-11-28T10:00:40Z',
        labels: ['ubuntu-latest'],
      },
    ]);
    expect(new Set(jobs.map((j) => j.id)).size).toBe(131);
    const pages = github.state.requests
      .slice(before)
      .filter((r) => r.path.endsWith('/actions/runs/7001/jobs'));
    expect(pages.length).toBe(2);
  });

  it('tries again after a server error, and gives up on a long rate-limit wait', async () => {
    const request = {
      token: github.token,
      apiUrl: github.url,
      repository: 'phx/pipeline',
      runId: '7001',
    };
    const retry = { attempts: 3, baseDelayMs: 10, maxWaitMs: 1000 };
    github.state.injectFault(
      { kind: 'server-error', status: 502 },
      { path: /\/runs\/7001\/jobs$/ },
    );
    const logger = memoryLogger();
    expect(await fetchRunJobs(request, logger, retry)).toHaveLength(131);
    expect(logger.lines.some((line) => line.includes('trying again'))).toBe(true);

    github.state.injectFault(
      { kind: 'secondary-rate-limit', retryAfterSeconds: 60 },
      { path: /\/runs\/7001\/jobs$/ },
    );
    const before = github.state.requests.length;
    const error = (await fetchRunJobs(request, memoryLogger(), retry).catch(
      (e: unknown) => e,
    )) as Error;
    expect(error).toBeInstanceOf(RetryableError);
    expect(error.message).toContain('secondary rate limit');
    expect(github.state.requests.length - before).toBe(1);
  });

  it('names the github-token input when GitHub refuses the token', async () => {
    const noActions = github.state.addToken({ issues: 'write', actions: 'none' });
    const error = (await fetchRunJobs(
      { token: noActions, apiUrl: github.url, repository: 'phx/pipeline', runId: '7001' },
      memoryLogger(),
    ).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe(
      "input 'github-token': the token may not GET /repos/phx/pipeline/actions/runs/7001/jobs (403 Resource not accessible by integration - https://docs.github.com/rest/actions/workflow-jobs#list-jobs-for-a-workflow-run); give the job `permissions: actions: read`",
    );
  });
});

describe('check-budget with a github-token', () => {
  function runtime(inputs: Record<string, string>) {
    const outputs: Record<string, string> = {};
    const summaries: string[] = [];
    const secrets: string[] = [];
    const logger = memoryLogger();
    const value: ActionRuntime = {
      getInput: (name) => inputs[name] ?? '',
      setSecret: (secret) => secrets.push(secret),
      setOutput: (name, output) => (outputs[name] = output),
      setFailed: (message) => logger.error(`failed: ${message}`),
      appendSummary: (markdown) => Promise.resolve(void summaries.push(markdown)),
      logger,
    };
    return { runtime: value, outputs, summaries, secrets, logger };
  }

  async function check(runId: string, inputs: Record<string, string>) {
    const action = createCheckBudgetAction({
      now: () => new Date('2026-11-28T10:20:00Z'),
      env: {
        GITHUB_RUN_ID: runId,
        GITHUB_REPOSITORY: 'phx/pipeline',
        GITHUB_API_URL: github.url,
        RUNNER_TEMP: dir,
        GITHUB_WORKSPACE: root,
      },
      artifactClient: null,
    });
    const run = runtime({
      stage: 'record',
      'rate-card': 'test/fixtures/check-budget/rate-card.json',
      'ledger-file': join(dir, `${runId}.ndjson`),
      ...inputs,
    });
    await runAction(action, run.runtime);
    return run;
  }

  it('prices the run’s jobs by runner, each rounded up, this job counted until now', async () => {
    github.state.addWorkflowRun('phx', 'pipeline', {
      id: 7002,
      jobs: [
        job('budget gate', '2026-11-28T10:00:00Z', '2026-11-28T10:00:12Z', ['ubuntu-latest']),
        job('collect (85031)', '2026-11-28T10:01:00Z', '2026-11-28T10:09:01Z', ['ubuntu-24.04']),
        job('report', '2026-11-28T10:10:00Z', '2026-11-28T10:11:00Z', ['macos-14']),
        job('budget record', '2026-11-28T10:18:30Z', null, ['ubuntu-latest']),
      ],
    });
    const run = await check('7002', { 'github-token': github.token });

    // Linux: 1 + 9 + 2 = 12 minutes at $0.006; the unmatched macOS label is priced as Linux.
    expect(run.outputs['run-cost']).toBe('0.078');
    expect(run.secrets).toEqual([Buffer.from(github.token).toString('base64'), github.token]);
    expect(run.logger.lines).toContain('info: 4 jobs, 13 billed minutes');
    expect(run.logger.lines).toContain(
      'warning: runner labels macos-14 match no rate-card entry; priced as Linux 2-core',
    );
    expect(run.summaries[0]).toContain(
      '| github-actions | Linux 2-core | 13 minute | $0.0060 per minute | $0.08 |',
    );

    const free = await check('7002', { 'github-token': github.token, 'public-repository': 'true' });
    expect(free.outputs['run-cost']).toBe('0');
    expect(free.summaries[0]).toContain(
      '| github-actions | Linux 2-core (public repository) | 13 minute |',
    );
  });

  it('still records the rest of the run when GitHub refuses the token', async () => {
    const run = await check('7003', { 'github-token': 'ghp_not_a_token' });
    expect(run.outputs).toMatchObject({ level: 'ok', 'run-cost': '0', 'month-to-date': '2.5' });
    expect(run.logger.lines).toContain(
      "warning: job minutes not counted: input 'github-token': GitHub refused the token (401 Bad credentials - https://docs.github.com/rest); expected a valid token such as secrets.GITHUB_TOKEN",
    );
    expect(run.logger.lines.join('\n')).not.toContain('ghp_not_a_token');
  });
});
