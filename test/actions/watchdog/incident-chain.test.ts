import { afterEach, beforeEach, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../../../local/sandbox/github/server.js';
import { openIncidents, runIncident } from '../open-incident-issue/harness.js';
import { addRun, hoursAgo, NIGHTLY, OWNER, REPO, runWatchdog, useRunnerEnv } from './harness.js';

let github: GitHubEmulator;
let restoreEnv: () => void;

beforeEach(async () => {
  github = await startGitHubEmulator();
  restoreEnv = useRunnerEnv(github);
  github.state.addWorkflow(OWNER, REPO, { file: NIGHTLY });
});
afterEach(async () => {
  restoreEnv();
  await github.close();
});

/** The watchdog workflow's two steps: the watchdog, then open-incident-issue fed its outputs. */
async function watchdogWorkflow() {
  const watchdog = await runWatchdog({ 'github-token': github.token });
  const incident = await runIncident({
    'github-token': github.token,
    component: 'watchdog',
    status: watchdog.outputs.status ?? '',
    signature: watchdog.outputs.signature ?? '',
    severity: watchdog.outputs.severity || 'auto',
    threshold: '1',
    details: watchdog.outputs.details ?? '',
  });
  expect(incident.failures).toEqual([]);
  return incident.outputs.action;
}

it('opens a watchdog incident for a missed nightly and closes it once the nightly ran', async () => {
  const lastRun = addRun(github, 30, { conclusion: 'cancelled' });
  expect(await watchdogWorkflow()).toBe('opened');
  const [incident] = openIncidents(github);
  expect(incident?.title).toContain('missed-run');
  expect(incident?.body).toContain(`https://github.com/${OWNER}/${REPO}/actions/runs/${lastRun}`);
  expect(incident?.labels).toContain('severity:p0');
  addRun(github, 1);
  expect(await watchdogWorkflow()).toBe('closed');
  expect(openIncidents(github)).toEqual([]);
});

it('opens a P1 incident at once for a nightly stuck over 4 hours, and closes it once it ends', async () => {
  const stuck = addRun(github, 5, { status: 'in_progress' });
  expect(await watchdogWorkflow()).toBe('opened');
  const [incident] = openIncidents(github);
  expect(incident?.title).toContain('stuck-run');
  expect(incident?.labels).toContain('severity:p1');
  expect(incident?.labels).not.toContain('severity:p0');
  expect(incident?.body).toContain('has been in progress for 5 h (limit 4 h)');
  expect(incident?.body).toContain(`https://github.com/${OWNER}/${REPO}/actions/runs/${stuck}`);
  // The stuck run finally ends (GitHub's job timeout), and a new nightly succeeds.
  const ended = github.state.workflowRuns(OWNER, REPO).find((run) => run.id === stuck)!;
  Object.assign(ended, { status: 'completed', conclusion: 'success' });
  addRun(github, 1);
  expect(await watchdogWorkflow()).toBe('closed');
  expect(openIncidents(github)).toEqual([]);
});

it('files nothing for a fresh fork whose first nightly is not due yet', async () => {
  const nightly = github.state.workflow(OWNER, REPO, NIGHTLY)!;
  nightly.createdAt = hoursAgo(24 * 30);
  expect(await watchdogWorkflow()).toBe('none');
  expect(github.state.issues(OWNER, REPO)).toEqual([]);
});

it('opens no incident for a missed nightly while paused; once resumed, it does', async () => {
  addRun(github, 30);
  const paused = await runWatchdog({ 'github-token': github.token, paused: 'county outage' });
  expect(paused.outputs).toMatchObject({ status: 'success', paused: 'county outage' });
  // watchdog.yml skips the incident step for a paused night without findings (no recovery).
  expect(github.state.issues(OWNER, REPO)).toEqual([]);
  expect(await watchdogWorkflow()).toBe('opened');
  expect(openIncidents(github)[0]?.title).toContain('missed-run');
});
