import { readFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GitHubEmulator } from '../../../local/sandbox/github/server.js';
import { useTestDatabase } from '../../support/database.js';
import { makeWorkspace, removeWorkspace, runSendReport } from './harness.js';
import { HOSTILE_TITLE, countyStages, seedDatabase, seededGitHub } from './operator-setup.js';
import { startSmtpServer, type TestSmtpServer } from './smtp-harness.js';

const database = useTestDatabase();
const BUDGET = JSON.stringify({ level: 'ok', 'run-cost': '0.21', 'month-to-date': '6.08' });
const JOBS = JSON.stringify({ plan: { result: 'success' }, county: { result: 'success' } });
const FAST_RETRY = { githubRetry: { attempts: 2, baseDelayMs: 10, maxWaitMs: 100 } };

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('the daily report tells the operator what needs attention', () => {
  let workspace: string;
  let server: TestSmtpServer;
  let github: GitHubEmulator;

  beforeAll(() => seedDatabase(database.db));
  beforeEach(async () => {
    workspace = await makeWorkspace();
    server = await startSmtpServer();
    github = await seededGitHub();
  });
  afterEach(async () => {
    await github.close();
    await server.close();
    await removeWorkspace(workspace);
  });

  const send = async (inputs: Record<string, string>) => {
    const run = await runSendReport(
      {
        'smtp-url': `smtp+insecure://127.0.0.1:${server.port}`,
        from: 'pipeline@example.com',
        to: 'ops@example.com',
        'run-results': (await countyStages(workspace)).join(','),
        'mongodb-uri': database.uri,
        database: database.db.databaseName,
        budget: BUDGET,
        jobs: JOBS,
        'github-token': github.token,
        ...inputs,
      },
      workspace,
      { ...FAST_RETRY, databaseTimeoutMs: 1_500 },
      { GITHUB_API_URL: github.url },
    );
    const last = server.messages.at(-1);
    const mail = last ? await simpleParser(last.raw, { keepCidLinks: true }) : undefined;
    return { run, mail, text: mail?.text ?? '', html: String(mail?.html ?? '') };
  };

  it('lists open incidents most severe first with links, escaped, in the email and the summary', async () => {
    const { run, text, html } = await send({ attach: 'html' });
    expect(run.failures).toEqual([]);
    expect(text).toMatch(
      /Severity\s+Incident\s+Age\nP0\s+#2 <script>alert\(1\)<\/script> Database connection failing <https:\/\/github\.com\/acme\/phx\/issues\/2>\s+5 h\nP2\s+#1 County API refusing the token <https:\/\/github\.com\/acme\/phx\/issues\/1>\s+3 d/,
    );
    expect(text).not.toContain('Listing site blocking');
    expect(text).not.toContain('Typo in README');
    expect(text).toContain('Open incidents: 2');
    const artifact = await readFile(
      join(workspace, 'out/reports/report-daily/report.html'),
      'utf8',
    );
    for (const page of [html, artifact]) {
      expect(page).not.toContain('<script>alert');
      expect(page).toContain('href="https://github.com/acme/phx/issues/2"');
      expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Database connection failing');
    }
    const summary = run.summaries[0]!;
    expect(summary).toContain('#### Open incidents');
    expect(summary).toContain(
      '[#1 County API refusing the token](https://github.com/acme/phx/issues/1)',
    );
    expect(summary).not.toContain(HOSTILE_TITLE);
  });

  it('shows uptime, cost per property, API latency, accuracy and storage against the guide', async () => {
    const { run, mail, text } = await send({ 'storage-limit-mb': '1' });
    expect(run.failures).toEqual([]);
    // 19 of the 21 nights since the first run completed: below the guide's 95 %, critical.
    expect(text).toMatch(
      /Uptime \(nights completed\)\s+90\.5 %\s+≥ 95 %\s+no warning band, critical < 95\.0 %\s+critical/,
    );
    expect(text).toContain(
      'Uptime: 19 of 21 nights completed (2026-10-30 to 2026-11-28); down: 2026-11-15, 2026-11-20',
    );
    expect(text).toMatch(/County API response time \(mean\)\s+612 ms\s+< 500 ms\s+warning/);
    expect(text).toContain('County API response time: mean over 2,700 requests');
    // $0.21 over every property processed tonight, not the 0 first-time inserts.
    expect(text).toMatch(
      /Cost per property\s+\$0\.0001\s+< \$0\.01\s+warning > \$0\.0100, no critical level\s+ok/,
    );
    expect(text).toContain(
      'Per property: $0.0001 — $0.2100 (this run, from check-budget) over 2,431 properties processed (inserted, updated or confirmed unchanged by store-mongo)',
    );
    expect(text).toMatch(/County\/listing conflicts on the properties stored tonight\s+3\n/);
    expect(text).toMatch(/Merged properties without conflict\s+75\.0 % \(3 of 4\)/);
    expect(text).toMatch(/Storage: [\d.]+ MB of 1 MB \(\d+\.\d %\) — above 80 %/);
    expect(text).toMatch(/Database storage at \d+\.\d % of the 1 MB limit/);
    expect(mail?.subject).toBe(
      '⚠️ PHX pipeline daily report 2026-11-28: completed with issues (2,431 properties)',
    );
  });

  it('leaves storage under the default 512 MB limit unflagged', async () => {
    const { text } = await send({});
    expect(text).toMatch(/Storage: [\d.]+ MB of 512 MB \(\d+\.\d %\)\n/);
    expect(text).not.toContain('Database storage at');
  });

  it('says why incidents and uptime are missing when the token may not read them, and still sends', async () => {
    const weak = github.state.addToken({ issues: 'none', actions: 'none' });
    const { run, text } = await send({ 'github-token': weak });
    expect(run.failures).toEqual([]);
    expect(text).toMatch(
      /Open incidents could not be read: input 'github-token': the token may not GET \/repos\/acme\/phx\/issues \(403 Resource not accessible by integration.*\); give the job `permissions: issues: read`/,
    );
    expect(text).toMatch(/Uptime \(nights completed\)\s+n\/a/);
    expect(text).toContain('give the job `permissions: actions: read`');
    expect(text).not.toContain(weak);
    const without = await send({ 'github-token': '' });
    expect(without.text).toContain(
      "Open incidents could not be read: no github-token was given (input 'github-token')",
    );
  });

  it('is sent when MongoDB is down, saying so without the password', async () => {
    const uri = `mongodb://reporter:S3cret-Pw@127.0.0.1:${await closedPort()}/phx`;
    const jobs = JSON.stringify({
      preflight: { result: 'failure' },
      county: { result: 'skipped' },
    });
    const { run, mail, text } = await send({ 'mongodb-uri': uri, jobs, 'run-results': '' });
    expect(server.messages).toHaveLength(1);
    expect(mail?.subject).toBe('🚨 PHX pipeline daily report 2026-11-28: failed');
    expect(text).toMatch(
      /Database: could not be read, this report is built from the run's artifacts and inputs only \(cannot reach MongoDB at mongodb:\/\/\*\*\*@127\.0\.0\.1:\d+\/phx: /,
    );
    expect(text).toContain('The database could not be read: cannot reach MongoDB');
    expect(text).toContain('Job preflight ended failure in this run');
    expect(text).toMatch(/P0\s+#2 /);
    expect(String(server.messages[0]!.raw)).not.toContain('S3cret-Pw');
    expect(run.summaries[0]).not.toContain('S3cret-Pw');
    expect(run.outputs.status).toBe('failure');
  });
});
