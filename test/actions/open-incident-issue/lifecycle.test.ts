import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../../../local/sandbox/github/server.js';
import { OWNER, REPO, openIncidents, runIncident, setRunId, useRunnerEnv } from './harness.js';

describe('open-incident-issue against the GitHub emulator', () => {
  let github: GitHubEmulator;
  let restoreEnv: () => void;
  const failure = (signature: string, extra: Record<string, string> = {}) => ({
    'github-token': github.token,
    status: 'failure',
    component: 'store-mongo',
    signature,
    ...extra,
  });
  const success = (extra: Record<string, string> = {}) => ({
    'github-token': github.token,
    status: 'success',
    component: 'store-mongo',
    ...extra,
  });

  beforeEach(async () => {
    github = await startGitHubEmulator({ latencyMs: 5 });
    restoreEnv = useRunnerEnv(github);
  });
  afterEach(async () => {
    restoreEnv();
    await github.close();
  });

  it('opens, comments on a repeat with the count, closes on recovery and reopens on regression', async () => {
    const signature =
      'MongoServerSelectionError: connect ECONNREFUSED 10.0.0.7:27017 after 30012 ms';
    const opened = await runIncident(failure(signature, { threshold: '1' }));
    expect(opened.failures).toEqual([]);
    expect(opened.outputs).toMatchObject({
      action: 'opened',
      'issue-number': '1',
      occurrences: '1',
    });
    const [issue] = openIncidents(github);
    expect(issue?.title).toContain('store-mongo');
    // A database failure is the guide's P0.
    expect(issue?.labels).toEqual(['incident', 'severity:p0', 'component:store-mongo']);
    expect(issue?.body).toContain('Database connection failure');
    expect(issue?.body).toContain('Respond within **15 minutes**, resolve within **4 hours**');
    expect(issue?.body).toContain('https://github.com/phx/pipeline/actions/runs/1001');
    expect(github.state.labels(OWNER, REPO).find((l) => l.name === 'severity:p0')?.color).toBe(
      'b60205',
    );
    expect(opened.summaries[0]).toContain('Opened issue #1');

    setRunId('1002');
    const repeat = await runIncident(
      failure(signature.replace('30012', '29544'), { threshold: '1' }),
    );
    expect(repeat.outputs).toMatchObject({
      action: 'commented',
      'issue-number': '1',
      occurrences: '2',
    });
    const comments = github.state.comments(OWNER, REPO, 1);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain('**Occurrence 2** in run [1002]');
    expect(openIncidents(github)[0]?.body).toContain('| Occurrences | 2 |');

    setRunId('1003');
    const recovered = await runIncident(success());
    expect(recovered.outputs).toMatchObject({ action: 'closed', 'issue-number': '1' });
    const closed = github.state.issues(OWNER, REPO)[0];
    expect(closed).toMatchObject({ state: 'closed', stateReason: 'completed' });
    expect(github.state.comments(OWNER, REPO, 1)[1]?.body).toContain('**Recovered** in run [1003]');

    setRunId('1004');
    const regressed = await runIncident(failure(signature, { threshold: '1' }));
    expect(regressed.outputs).toMatchObject({
      action: 'reopened',
      'issue-number': '1',
      occurrences: '3',
    });
    expect(github.state.issues(OWNER, REPO)).toHaveLength(1);
    expect(github.state.issues(OWNER, REPO)[0]).toMatchObject({
      state: 'open',
      stateReason: 'reopened',
    });
    expect(github.state.comments(OWNER, REPO, 1)[2]?.body).toContain('**Regressed** in run [1004]');

    setRunId('1005');
    const again = await runIncident(success());
    expect(again.outputs).toMatchObject({ action: 'none', 'issue-number': '1' });
    expect(again.summaries[0]).toContain('flap suppression');
    expect(openIncidents(github)).toHaveLength(1);
  });

  it('leaves one open issue when two jobs fail at once with one fingerprint', async () => {
    const [first, second] = await Promise.all([
      runIncident(failure('timeout after 30012 ms on run 123', { severity: 'P0' })),
      runIncident(failure('timeout after 29987 ms on run 456', { severity: 'P0' })),
    ]);
    expect([first?.failures, second?.failures]).toEqual([[], []]);
    const open = openIncidents(github);
    expect(open).toHaveLength(1);
    const winner = open[0]!;
    expect([first?.outputs['issue-number'], second?.outputs['issue-number']]).toEqual([
      String(winner.number),
      String(winner.number),
    ]);
    expect([first?.outputs.action, second?.outputs.action].sort()).toEqual(['commented', 'opened']);
    expect(github.state.comments(OWNER, REPO, winner.number).map((c) => c.body)).toEqual([
      expect.stringContaining('**Occurrence 2**'),
    ]);
    // Both jobs listed before either created, so both created and the later one stood down.
    expect(github.state.issues(OWNER, REPO)).toHaveLength(2);
    for (const other of github.state.issues(OWNER, REPO).filter((i) => i !== winner))
      expect(other).toMatchObject({ state: 'closed', stateReason: 'duplicate' });
  });

  it('opens different issues for different signatures, and closes only the recovered component', async () => {
    await runIncident(failure('MongoServerSelectionError in store', { severity: 'P0' }));
    await runIncident(failure('E11000 duplicate key error in upsert', { severity: 'P0' }));
    await runIncident({
      ...failure('ollama connection refused', { severity: 'P0' }),
      component: 'enrich-llm',
    });
    expect(openIncidents(github)).toHaveLength(3);
    const fingerprints = new Set(
      openIncidents(github).map((issue) => /fingerprint=(\w+)/.exec(issue.body ?? '')?.[1]),
    );
    expect(fingerprints.size).toBe(3);
    const recovered = await runIncident(success());
    expect(recovered.outputs.action).toBe('closed');
    expect(openIncidents(github).map((issue) => issue.title)).toEqual([
      expect.stringContaining('enrich-llm'),
    ]);
  });

  it('counts failures below the threshold in the tracker and opens at the threshold', async () => {
    // A P3 waits for three failing runs in a row (P0-P2 open on the first).
    const signature = 'listing site answered 403 blocked by WAF';
    const component = { component: 'scrape-mls', severity: 'P3' };
    const first = await runIncident({ ...failure(signature), ...component });
    expect(first.outputs).toMatchObject({ action: 'none', 'issue-number': '0', occurrences: '1' });
    expect(first.summaries[0]).toContain('failing run 1 of 3');
    // A second job of the same run, or a rerun, does not count again.
    await runIncident({ ...failure(signature), ...component });
    setRunId('1002');
    expect((await runIncident({ ...failure(signature), ...component })).outputs.occurrences).toBe(
      '2',
    );
    expect(openIncidents(github)).toHaveLength(0);
    setRunId('1003');
    const third = await runIncident({ ...failure(signature), ...component });
    expect(third.outputs).toMatchObject({ action: 'opened', occurrences: '3' });
    expect(openIncidents(github)[0]?.labels).toContain('severity:p3');
    const tracker = github.state
      .issues(OWNER, REPO)
      .find((i) => i.labels.includes('incident-tracker'));
    expect(tracker).toMatchObject({ state: 'closed' });
    expect(tracker?.body).not.toContain(third.outputs.fingerprint);

    setRunId('1004');
    await runIncident({ ...failure('captcha challenge page'), ...component });
    setRunId('1005');
    await runIncident({ ...success(), ...component });
    setRunId('1006');
    const afterReset = await runIncident({ ...failure('captcha challenge page'), ...component });
    expect(afterReset.outputs).toMatchObject({ action: 'none', occurrences: '1' });
  });

  it('closes a nightly incident only on a night its step actually succeeded', async () => {
    // As the nightly files them: component data-collection, the failing job's action as signature.
    const nightly = { component: 'data-collection' };
    const steps = ['preflight', 'check-budget gate', 'enrich-llm', 'store-mongo', 'send-report'];
    const opened = await runIncident({ ...failure('scrape-mls', { threshold: '1' }), ...nightly });
    expect(opened.outputs.action).toBe('opened');

    // The listing shard was skipped (budget gate, or sources: county): no job failed, but the
    // listing site was never asked, so nothing recovered.
    setRunId('1002');
    const skipped = await runIncident({
      ...success({ succeeded: ['collect-county', ...steps].join('\n') }),
      ...nightly,
    });
    expect(skipped.failures).toEqual([]);
    expect(skipped.outputs).toMatchObject({ action: 'none', 'issue-number': '1' });
    expect(skipped.summaries[0]).toContain(
      'not a recovery for #1: its step did not succeed in this run',
    );
    expect(openIncidents(github).map((issue) => issue.number)).toEqual([1]);
    expect(github.state.comments(OWNER, REPO, 1)).toEqual([]);

    setRunId('1003');
    const recovered = await runIncident({
      ...success({ succeeded: ['collect-county', 'scrape-mls', ...steps].join('\n') }),
      ...nightly,
    });
    expect(recovered.outputs).toMatchObject({ action: 'closed', 'issue-number': '1' });
    expect(openIncidents(github)).toEqual([]);
  });

  it('keeps counting failures below the threshold across a night the step did not run', async () => {
    const nightly = { component: 'data-collection', threshold: '2' };
    await runIncident({ ...failure('collect-county'), ...nightly });
    setRunId('1002');
    await runIncident({ ...success({ succeeded: 'preflight\nscrape-mls' }), ...nightly });
    setRunId('1003');
    const second = await runIncident({ ...failure('collect-county'), ...nightly });
    expect(second.outputs).toMatchObject({ action: 'opened', occurrences: '2' });
  });

  it('counts concurrent failures of different fingerprints below the threshold without losing one', async () => {
    const signatures = [
      'E11000 duplicate key in upsert',
      'bulkWrite timed out',
      'index build failed',
    ];
    const runAll = () =>
      Promise.all(
        signatures.map((signature) => runIncident(failure(signature, { threshold: '2' }))),
      );
    const first = await runAll();
    expect(first.map((run) => run.outputs.action)).toEqual(['none', 'none', 'none']);
    setRunId('1002');
    const second = await runAll();
    expect(second.map((run) => run.outputs.action)).toEqual(['opened', 'opened', 'opened']);
    expect(openIncidents(github)).toHaveLength(3);
  });

  it('fails with a message naming permissions: issues: write when the token may not write issues', async () => {
    const readOnly = github.state.addToken({ issues: 'read' });
    const run = await runIncident({
      ...failure('boom in store', { severity: 'P0' }),
      'github-token': readOnly,
    });
    expect(run.failures).toHaveLength(1);
    expect(run.failures[0]).toMatch(
      /^open-incident-issue failed: .*Resource not accessible by integration/,
    );
    expect(run.failures[0]).toContain('`permissions: issues: write`');
    expect(run.outputs).toEqual({
      'issue-number': '0',
      action: 'none',
      fingerprint: '',
      occurrences: '0',
      incidents: '[]',
      error: expect.stringContaining('Resource not accessible by integration') as string,
    });
  });

  it.each(['failure', 'success'])(
    'says to enable Issues in the settings when the repository has them off (status %s)',
    async (status) => {
      github.state.setIssuesEnabled(OWNER, REPO, false);
      const run = await runIncident({ ...failure('boom in store', { severity: 'P0' }), status });
      expect(run.failures).toEqual([
        'open-incident-issue failed: Issues are disabled for this repository: enable them in Settings → General → Features → Issues',
      ]);
      expect(run.outputs).toMatchObject({ 'issue-number': '0', action: 'none' });
      // A configuration problem: refused once, not retried.
      expect(github.state.requests.filter((request) => request.status === 410)).toHaveLength(1);
    },
  );

  it('names the token input when GitHub refuses it', async () => {
    const run = await runIncident({ ...failure('boom'), 'github-token': 'ghp_revoked' });
    expect(run.failures[0]).toContain("input 'github-token'");
    expect(run.failures[0]).toContain('Bad credentials');
  });

  it('retries 5xx and secondary rate limits, honouring retry-after', async () => {
    github.state.injectFault({ kind: 'server-error', status: 502 }, { method: 'GET', times: 2 });
    github.state.injectFault(
      { kind: 'secondary-rate-limit', retryAfterSeconds: 1 },
      { method: 'POST', path: /\/issues$/ },
    );
    const started = Date.now();
    const run = await runIncident(failure('boom in store', { severity: 'P0' }));
    expect(run.failures).toEqual([]);
    expect(run.outputs.action).toBe('opened');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    const statuses = github.state.requests.map((request) => request.status);
    expect(statuses.filter((status) => status === 502)).toHaveLength(2);
    expect(statuses.filter((status) => status === 403)).toHaveLength(1);
    expect(openIncidents(github)).toHaveLength(1);
  });

  it('rejects bad input naming it, and writes nothing in a dry run', async () => {
    const bad = await runIncident({ ...failure('x'), status: 'broken', 'flap-hours': 'soon' });
    expect(bad.failures[0]).toContain("input 'status': expected failure or success");
    expect(bad.failures[0]).toContain("input 'flap-hours'");
    const noSignature = await runIncident(failure(''));
    expect(noSignature.failures[0]).toContain(
      "input 'signature' is required when status is failure",
    );

    const dry = await runIncident(failure('boom in store', { severity: 'P0', 'dry-run': 'true' }));
    expect(dry.outputs).toMatchObject({ action: 'opened', 'issue-number': '0' });
    expect(dry.summaries[0]).toContain('dry run');
    expect(github.state.issues(OWNER, REPO)).toHaveLength(0);
    expect(github.state.labels(OWNER, REPO)).toHaveLength(0);
  });
});
