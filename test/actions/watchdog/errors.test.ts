import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../../../local/sandbox/github/server.js';
import {
  addRun,
  NIGHTLY,
  OWNER,
  REPO,
  runWatchdog,
  useRunnerEnv,
  type ActionRun,
} from './harness.js';

let github: GitHubEmulator;
let restoreEnv: () => void;

beforeEach(async () => {
  github = await startGitHubEmulator();
  restoreEnv = useRunnerEnv(github);
  github.state.addWorkflow(OWNER, REPO, { file: NIGHTLY });
  addRun(github, 3);
});
afterEach(async () => {
  restoreEnv();
  await github.close();
});

/** Everything a run showed anyone: log lines, outputs, summaries and failure messages. */
const everythingShown = (run: ActionRun): string =>
  [...run.lines, ...Object.values(run.outputs), ...run.summaries, ...run.failures].join('\n');

describe('watchdog: errors say what to fix', () => {
  it('names the token for a token GitHub does not know, and never shows it', async () => {
    const token = 'ghs_thisTokenWasRevokedLongAgo000000000';
    const run = await runWatchdog({ 'github-token': token });
    expect(run.failures).toEqual([
      "watchdog failed: input 'github-token': GitHub refused the token (401 Bad credentials - https://docs.github.com/rest); expected a valid token such as secrets.GITHUB_TOKEN",
    ]);
    // The token and its base64 form (as a Basic auth header would carry it).
    expect(run.secrets).toEqual([Buffer.from(token).toString('base64'), token]);
    expect(everythingShown(run)).not.toContain(token);
    expect(run.outputs).toMatchObject({
      status: 'failure',
      signature: 'watchdog-error',
      'kept-alive': 'false',
    });
  });

  it('names the permission for a token without actions: read', async () => {
    const token = github.state.addToken({ actions: 'none' });
    const run = await runWatchdog({ 'github-token': token });
    expect(run.failures[0]).toMatch(
      /^watchdog failed: input 'github-token': the token may not GET \/repos\/phx\/pipeline\/actions\/workflows\/data-collection\.yml \(403 Resource not accessible by integration - \S+\); give the job `permissions: actions: read`$/,
    );
    expect(everythingShown(run)).not.toContain(token);
  });

  it('names the workflow file GitHub does not have', async () => {
    const run = await runWatchdog({
      'github-token': github.token,
      workflows: `${NIGHTLY}, nightly.yml`,
    });
    expect(run.failures).toEqual([
      `watchdog failed: input 'workflows': workflow file 'nightly.yml' was not found in ${OWNER}/${REPO} (404); expected the file name of a workflow under .github/workflows, e.g. data-collection.yml`,
    ]);
  });

  it('rejects a workflow that is not a file name, and a bad max-age-hours, together', async () => {
    const run = await runWatchdog({
      'github-token': github.token,
      workflows: '../secrets',
      'max-age-hours': 'a day',
    });
    expect(run.failures[0]).toContain(
      "input 'workflows': '../secrets': expected a workflow file name such as data-collection.yml",
    );
    expect(run.failures[0]).toContain(
      "input 'max-age-hours': expected a whole number from 1 to 744, got 'a day'",
    );
    expect(github.state.requests).toEqual([]);
  });

  it('retries a 502 from GitHub and still reports', async () => {
    github.state.injectFault({ kind: 'server-error', status: 502 }, { path: /\/runs$/ });
    const run = await runWatchdog({ 'github-token': github.token });
    expect(run.failures).toEqual([]);
    expect(run.outputs.status).toBe('success');
    expect(
      github.state.requests.filter((r) => r.path.endsWith('/runs')).map((r) => r.status),
    ).toEqual([502, 200]);
  });
});
