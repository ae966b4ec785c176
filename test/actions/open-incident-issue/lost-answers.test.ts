import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../../../local/sandbox/github/server.js';
import { OWNER, REPO, openIncidents, runIncident, setRunId, useRunnerEnv } from './harness.js';

// GitHub sometimes does a write and then answers 502 or nothing at all. A blind retry of the POST
// would open a second issue or post a second comment; the action looks for its write first.
describe('open-incident-issue when GitHub loses its answer to a write', () => {
  let github: GitHubEmulator;
  let restoreEnv: () => void;
  const failure = (signature: string) => ({
    'github-token': github.token,
    status: 'failure',
    component: 'store-mongo',
    signature,
    threshold: '1',
  });
  const signature = 'MongoServerSelectionError: connect ECONNREFUSED 10.0.0.7:27017';

  beforeEach(async () => {
    github = await startGitHubEmulator();
    restoreEnv = useRunnerEnv(github);
  });
  afterEach(async () => {
    restoreEnv();
    await github.close();
  });

  it('opens one issue when the answer to its creation is lost', async () => {
    github.state.injectFault({ kind: 'lost-answer' }, { method: 'POST', path: /\/issues$/ });
    const run = await runIncident(failure(signature));
    expect(run.failures).toEqual([]);
    expect(run.outputs).toMatchObject({ action: 'opened', 'issue-number': '1' });
    expect(github.state.issues(OWNER, REPO)).toHaveLength(1);
    expect(run.lines.join('\n')).toContain('GitHub did it; not sending it again');
    const posts = github.state.requests.filter(
      (request) => request.method === 'POST' && /\/issues$/.test(request.path),
    );
    expect(posts.map((request) => request.status)).toEqual([502]);
  });

  it('opens the issue on a second try when GitHub failed before doing it', async () => {
    github.state.injectFault(
      { kind: 'server-error', status: 503 },
      { method: 'POST', path: /\/issues$/ },
    );
    const run = await runIncident(failure(signature));
    expect(run.outputs).toMatchObject({ action: 'opened' });
    expect(openIncidents(github)).toHaveLength(1);
    const posts = github.state.requests.filter(
      (request) => request.method === 'POST' && /\/issues$/.test(request.path),
    );
    expect(posts.map((request) => request.status)).toEqual([503, 201]);
  });

  it('posts one repeat comment when the answer to it is lost', async () => {
    await runIncident(failure(signature));
    setRunId('1002');
    github.state.injectFault(
      { kind: 'lost-answer', status: 504 },
      { method: 'POST', path: /\/comments$/ },
    );
    const repeat = await runIncident(failure(signature));
    expect(repeat.failures).toEqual([]);
    expect(repeat.outputs).toMatchObject({ action: 'commented', occurrences: '2' });
    expect(github.state.comments(OWNER, REPO, 1)).toHaveLength(1);
  });

  it('abandons a try GitHub does not answer within 30 s and tries again', async () => {
    // A hung list: every try of it waits longer than the action's 30 s per try.
    github.state.injectFault({ kind: 'slow', ms: 120_000 }, { method: 'GET', times: 1 });
    const began = performance.now();
    const run = await runIncident(failure(signature));
    // One try timed out, the retry went through: the night's incident is still filed.
    expect(performance.now() - began).toBeLessThan(90_000);
    expect(run.failures).toEqual([]);
    expect(openIncidents(github)).toHaveLength(1);
  }, 120_000);
});
