import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../../../local/sandbox/github/server.js';
import {
  addRun,
  enableCalls,
  hoursAgo,
  NIGHTLY,
  OWNER,
  REPO,
  runWatchdog,
  useRunnerEnv,
} from './harness.js';

let github: GitHubEmulator;
let restoreEnv: () => void;

beforeEach(async () => {
  github = await startGitHubEmulator();
  restoreEnv = useRunnerEnv(github);
  github.state.addWorkflow(OWNER, REPO, { file: NIGHTLY, name: 'Data collection' });
});
afterEach(async () => {
  restoreEnv();
  await github.close();
});

/** Sets when the nightly was enabled (its `updated_at`) and created; returns the workflow. */
function enabledHoursAgo(hours: number, createdHours = hours) {
  const workflow = github.state.workflow(OWNER, REPO, NIGHTLY)!;
  workflow.createdAt = hoursAgo(createdHours);
  workflow.updatedAt = hoursAgo(hours);
  return workflow;
}

describe('watchdog: what it finds', () => {
  it('reports success for a nightly that succeeded two hours ago, and keeps it alive', async () => {
    addRun(github, 50, { conclusion: 'failure' });
    const runId = addRun(github, 2);
    const before = github.state.workflow(OWNER, REPO, NIGHTLY)?.updatedAt;
    github.state.now = () => new Date(Date.now() + 60_000);

    const run = await runWatchdog({ 'github-token': github.token });

    expect(run.failures).toEqual([]);
    expect(run.outputs).toMatchObject({
      status: 'success',
      signature: '',
      'last-conclusion': 'success',
      'hours-since-last-run': '2',
      'kept-alive': 'true',
      'last-run-url': `https://github.com/${OWNER}/${REPO}/actions/runs/${runId}`,
    });
    expect(run.outputs.details).toContain(`\`${NIGHTLY}\` (active): ok; last run [#2]`);
    expect(enableCalls(github)).toEqual([
      {
        method: 'PUT',
        path: `/repos/${OWNER}/${REPO}/actions/workflows/${NIGHTLY}/enable`,
        status: 204,
      },
    ]);
    expect(github.state.workflow(OWNER, REPO, NIGHTLY)?.updatedAt).not.toBe(before);
    expect(run.summaries[0]).toContain('| `data-collection.yml` | active | [#2]');
  });

  it('reports missed-run when the last success is 30 hours old', async () => {
    addRun(github, 30);
    const run = await runWatchdog({ 'github-token': github.token });
    expect(run.outputs).toMatchObject({
      status: 'failure',
      signature: 'missed-run',
      // open-incident-issue reads a watchdog incident as the missed-run scenario: P0.
      severity: 'auto',
      'last-conclusion': 'success',
      'hours-since-last-run': '30',
    });
    expect(run.outputs.details).toMatch(/missed-run: no nightly run in the last 26 h.*30 h ago/);
    expect(run.failures).toEqual([]);
  });

  it('reports missed-run for a workflow that never ran, and honours max-age-hours', async () => {
    enabledHoursAgo(72);
    expect((await runWatchdog({ 'github-token': github.token })).outputs).toMatchObject({
      signature: 'missed-run',
      'last-conclusion': 'none',
      'hours-since-last-run': '-1',
      'last-run-url': '',
    });
    addRun(github, 30);
    const relaxed = await runWatchdog({ 'github-token': github.token, 'max-age-hours': '48' });
    expect(relaxed.outputs.status).toBe('success');
  });

  it('does not page a fork whose first scheduled night is not due yet, nor keep it alive', async () => {
    // Forked a month ago, the schedule enabled an hour ago: the first night is still ahead.
    const nightly = enabledHoursAgo(1, 24 * 30);
    const enabledAt = nightly.updatedAt;
    const run = await runWatchdog({ 'github-token': github.token });
    expect(run.failures).toEqual([]);
    expect(run.outputs).toMatchObject({
      status: 'success',
      signature: '',
      'last-conclusion': 'none',
    });
    expect(run.outputs.details).toMatch(
      /no nightly run yet: the first is scheduled at \d{4}-\d\d-\d\dT10:17:00Z, due by \d{4}-\d\d-\d\dT12:17:00Z/,
    );
    expect(enableCalls(github)).toEqual([]);
    expect(nightly.updatedAt).toBe(enabledAt);
  });

  it('pages once the first scheduled night is past by the grace, with when it was due', async () => {
    enabledHoursAgo(30);
    const run = await runWatchdog({ 'github-token': github.token, schedule: '17 10 * * *' });
    expect(run.outputs).toMatchObject({ status: 'failure', signature: 'missed-run' });
    expect(run.outputs.details).toMatch(
      /missed-run: no nightly run since the workflow was enabled at .*; the first scheduled one \(.*T10:17:00Z\) was due by .*T12:17:00Z/,
    );
    const bad = await runWatchdog({ 'github-token': github.token, schedule: 'nightly' });
    expect(bad.failures[0]).toContain("input 'schedule': expected the watched workflow's cron");
  });

  it("leaves a plain failure to the nightly's own incident job", async () => {
    addRun(github, 26, { conclusion: 'success' });
    addRun(github, 3, { conclusion: 'failure' });
    const run = await runWatchdog({ 'github-token': github.token });
    expect(run.outputs).toMatchObject({ status: 'success', 'last-conclusion': 'failure' });
  });

  it.each(['timed_out', 'cancelled', 'startup_failure'])(
    'reports failing-run when the latest completed run ended %s',
    async (conclusion) => {
      addRun(github, 26, { conclusion: 'success' });
      addRun(github, 3, { conclusion });
      const run = await runWatchdog({ 'github-token': github.token });
      expect(run.outputs).toMatchObject({
        status: 'failure',
        signature: 'failing-run',
        'last-conclusion': conclusion,
      });
      expect(run.outputs.details).toContain(`ended ${conclusion}`);
    },
  );

  it("reports stuck-run, the guide's P1, for a run in progress over 4 hours", async () => {
    addRun(github, 4.5, { status: 'in_progress' });
    const run = await runWatchdog({ 'github-token': github.token });
    expect(run.outputs).toMatchObject({
      status: 'failure',
      signature: 'stuck-run',
      severity: 'P1',
      'last-conclusion': 'in_progress',
    });
    expect(run.outputs.details).toContain('has been in progress for 4.5 h (limit 4 h)');
  });

  it('leaves a run in progress for 3 hours alone, and honours stuck-hours', async () => {
    addRun(github, 3, { status: 'queued' });
    expect((await runWatchdog({ 'github-token': github.token })).outputs).toMatchObject({
      status: 'success',
      signature: '',
      severity: 'auto',
    });
    const strict = await runWatchdog({ 'github-token': github.token, 'stuck-hours': '2' });
    expect(strict.outputs).toMatchObject({ signature: 'stuck-run', severity: 'P1' });
    expect(strict.outputs.details).toContain('has been queued for 3 h (limit 2 h)');
  });

  it('counts only runs on the default branch unless branch is *', async () => {
    addRun(github, 30);
    addRun(github, 1, { headBranch: 'feature/try' });
    expect((await runWatchdog({ 'github-token': github.token })).outputs.signature).toBe(
      'missed-run',
    );
    const any = await runWatchdog({ 'github-token': github.token, branch: '*' });
    expect(any.outputs.status).toBe('success');
  });

  it('ignores runs of other events, such as a push', async () => {
    addRun(github, 30);
    addRun(github, 1, { event: 'push' });
    const run = await runWatchdog({ 'github-token': github.token });
    expect(run.outputs.signature).toBe('missed-run');
  });
});

describe('watchdog: keepalive', () => {
  it('re-enables a workflow GitHub disabled for inactivity and says so', async () => {
    github.state.workflow(OWNER, REPO, NIGHTLY)!.state = 'disabled_inactivity';
    addRun(github, 24 * 61);
    const run = await runWatchdog({ 'github-token': github.token });
    expect(run.outputs).toMatchObject({
      status: 'failure',
      signature: 'disabled',
      'kept-alive': 'true',
    });
    expect(run.outputs.details).toContain(
      '60 days without repository activity; the watchdog re-enabled it',
    );
    expect(run.outputs.details).toContain('missed-run');
    expect(github.state.workflow(OWNER, REPO, NIGHTLY)?.state).toBe('active');
  });

  it('leaves a manually disabled workflow alone', async () => {
    github.state.workflow(OWNER, REPO, NIGHTLY)!.state = 'disabled_manually';
    addRun(github, 2);
    const run = await runWatchdog({ 'github-token': github.token });
    expect(run.outputs).toMatchObject({ signature: 'disabled', 'kept-alive': 'false' });
    expect(enableCalls(github)).toEqual([]);
    expect(github.state.workflow(OWNER, REPO, NIGHTLY)?.state).toBe('disabled_manually');
  });

  it('calls nothing in a dry run, nor with keepalive false', async () => {
    github.state.workflow(OWNER, REPO, NIGHTLY)!.state = 'disabled_inactivity';
    addRun(github, 2);
    const dry = await runWatchdog({ 'github-token': github.token, 'dry-run': 'true' });
    expect(dry.outputs).toMatchObject({ signature: 'disabled', 'kept-alive': 'false' });
    expect(dry.lines).toContain(`info: dry run: would re-enable ${NIGHTLY} (PUT enable)`);
    const off = await runWatchdog({ 'github-token': github.token, keepalive: 'false' });
    expect(off.outputs['kept-alive']).toBe('false');
    expect(enableCalls(github)).toEqual([]);
    expect(github.state.workflow(OWNER, REPO, NIGHTLY)?.state).toBe('disabled_inactivity');
  });

  it('reports a keepalive the token may not make, with the permission, and keeps the findings', async () => {
    const readOnly = github.state.addToken({ actions: 'read' });
    addRun(github, 30);
    const run = await runWatchdog({ 'github-token': readOnly });
    expect(run.failures).toEqual([]);
    expect(run.outputs).toMatchObject({ signature: 'missed-run', 'kept-alive': 'false' });
    expect(run.outputs.details).toContain('keepalive-refused: could not keep alive');
    expect(run.outputs.details).toContain('`permissions: actions: write`');
  });

  it('keeps further workflows alive without judging their runs', async () => {
    github.state.addWorkflow(OWNER, REPO, { file: 'reports.yml' });
    github.state.addWorkflow(OWNER, REPO, { file: 'watchdog.yml', state: 'disabled_inactivity' });
    addRun(github, 2);
    const run = await runWatchdog({
      'github-token': github.token,
      'keepalive-workflows': 'reports.yml\nwatchdog.yml, data-collection.yml',
    });
    expect(enableCalls(github).map((call) => call.path.split('/').at(-2))).toEqual([
      NIGHTLY,
      'reports.yml',
      'watchdog.yml',
    ]);
    expect(github.state.workflow(OWNER, REPO, 'watchdog.yml')?.state).toBe('active');
    expect(run.outputs).toMatchObject({ signature: 'disabled', 'last-conclusion': 'none' });
    expect(run.outputs.details).toContain(
      '- `reports.yml` (active): ok; runs not watched (keepalive only)',
    );
    const missing = await runWatchdog({
      'github-token': github.token,
      'keepalive-workflows': 'weekly.yml',
    });
    expect(missing.failures[0]).toContain(
      "input 'keepalive-workflows': workflow file 'weekly.yml' was not found",
    );
  });
});

describe('watchdog: the emergency stop (PIPELINE_PAUSED)', () => {
  it('reports no missed-run while paused, and says paused with the reason and the held finding', async () => {
    addRun(github, 30);
    const run = await runWatchdog({ 'github-token': github.token, paused: 'maintenance window' });
    expect(run.failures).toEqual([]);
    expect(run.outputs).toMatchObject({
      status: 'success',
      signature: '',
      paused: 'maintenance window',
    });
    expect(run.outputs.details).toMatch(
      /`data-collection.yml` \(active\): paused: maintenance window \(not reported: no nightly run in the last 26 h/,
    );
    expect(run.summaries[0]).toContain('### Watchdog: success, paused');
    expect(run.summaries[0]).toContain(
      '**paused: maintenance window**: the repository variable `PIPELINE_PAUSED` is set',
    );
    expect(run.lines).toContain(
      'info: paused: maintenance window (PIPELINE_PAUSED): a missed nightly run is not reported',
    );
  });

  it('still reports a stuck run while paused', async () => {
    addRun(github, 8, { status: 'in_progress' });
    const run = await runWatchdog({ 'github-token': github.token, paused: 'db migration' });
    expect(run.outputs).toMatchObject({ status: 'failure', signature: 'stuck-run' });
    expect(run.outputs.details).toContain('paused: db migration');
  });

  it.each(['', 'false', ' FALSE '])(
    'treats paused %j as running: a missed run is reported',
    async (value) => {
      addRun(github, 30);
      const run = await runWatchdog({ 'github-token': github.token, paused: value });
      expect(run.outputs).toMatchObject({ signature: 'missed-run', paused: '' });
      expect(run.summaries[0]).not.toContain('paused');
    },
  );
});
