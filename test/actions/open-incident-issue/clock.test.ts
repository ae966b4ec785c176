import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleFailure } from '../../../actions/open-incident-issue/src/failure.js';
import type { IncidentReport } from '../../../actions/open-incident-issue/src/incident.js';
import { IncidentRepo } from '../../../actions/open-incident-issue/src/incident-repo.js';
import { handleSuccess } from '../../../actions/open-incident-issue/src/recovery.js';
import { createGitHubClient } from '../../../shared/github/client.js';
import { memoryLogger } from '../../../shared/logger.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../../local/sandbox/github/server.js';
import { OWNER, REPO, openIncidents } from './harness.js';

const HOUR = 3_600_000;

describe('flap suppression and the reopen window, on a clock the test moves', () => {
  let github: GitHubEmulator;
  let clock: Date;
  let deps: Parameters<typeof handleFailure>[1];
  const report = (status: 'failure' | 'success', runId: string): IncidentReport => ({
    status,
    component: 'enrich-llm',
    signature: status === 'failure' ? 'ollama: model llama3.2 not found' : '',
    succeeded: [],
    severity: 'auto',
    details: '',
    threshold: 1,
    reopenWindowDays: 7,
    flapHours: 6,
    labels: [],
    runId,
    runUrl: undefined,
    secrets: [],
  });
  const at = (hours: number): void =>
    void (clock = new Date(Date.UTC(2026, 10, 1, 10) + hours * HOUR));

  beforeEach(async () => {
    at(0);
    github = await startGitHubEmulator({ now: () => clock });
    const logger = memoryLogger();
    const octokit = createGitHubClient({
      token: github.token,
      baseUrl: github.url,
      logger,
      userAgent: 'phx-pipeline-test',
      permission: () => '`permissions: issues: write`',
    });
    deps = {
      repo: new IncidentRepo(octokit, OWNER, REPO, logger, false),
      logger,
      now: () => clock,
    };
  });
  afterEach(() => github.close());

  it('closes at most once per flap-hours after a reopen, and reports the flapping', async () => {
    expect((await handleFailure(report('failure', '1'), deps)).action).toBe('opened');
    at(1);
    expect((await handleSuccess(report('success', '2'), deps)).action).toBe('closed');
    at(2);
    expect((await handleFailure(report('failure', '3'), deps)).action).toBe('reopened');
    const comments = github.state.comments(OWNER, REPO, 1);
    expect(comments.at(-1)?.body).toContain('Flapping');
    at(3);
    const held = await handleSuccess(report('success', '4'), deps);
    expect(held).toMatchObject({ action: 'none', issueNumber: 1 });
    expect(held.reason).toContain('flap suppression');
    expect(openIncidents(github)).toHaveLength(1);
    at(8.5);
    expect((await handleSuccess(report('success', '5'), deps)).action).toBe('closed');
    expect(github.state.issues(OWNER, REPO)[0]?.state).toBe('closed');
  });

  it('reopens within reopen-window-days and opens a new issue after it', async () => {
    await handleFailure(report('failure', '1'), deps);
    at(1);
    await handleSuccess(report('success', '2'), deps);
    at(1 + 6 * 24);
    expect(await handleFailure(report('failure', '3'), deps)).toMatchObject({
      action: 'reopened',
      issueNumber: 1,
    });
    at(8 + 6 * 24);
    expect((await handleSuccess(report('success', '4'), deps)).action).toBe('closed');
    at(9 + 14 * 24);
    const fresh = await handleFailure(report('failure', '5'), deps);
    expect(fresh).toMatchObject({ action: 'opened', issueNumber: 2, occurrences: 1 });
    expect(github.state.issues(OWNER, REPO).map((issue) => issue.state)).toEqual([
      'closed',
      'open',
    ]);
  });
});
