import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveDatabase } from '../../../shared/db/database-name.js';
import { provisionMongo, type ProvisionedMongo } from '../../../local/mongo/provision-mongo.js';
import { startCountySandbox, type CountySandbox } from '../../../local/sandbox/county/server.js';
import type { CountyFaults } from '../../../local/sandbox/county/faults.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../../local/sandbox/github/server.js';
import { memoryLogger } from '../../../shared/logger.js';
import { startSmtpServer, type TestSmtpServer } from '../../actions/send-report/smtp-harness.js';
import { runNight, withClient, type Night } from './nights.js';

// The operations guide's incident matrix through the real workflow and the local runner: each
// night is one `npm run pipeline` of data-collection.yml, with a sandbox that misbehaves as a
// production night would. The incidents live in the GitHub emulator from night to night.
const OWNER = 'phx';
const REPO = 'incident-nights';
const SMTP_PASSWORD = 'smtp-pass-incidents';

describe('incident nights: data-collection.yml through the local runner', () => {
  let mongo: ProvisionedMongo;
  let github: GitHubEmulator;
  let smtp: TestSmtpServer;
  let county: CountySandbox;
  let out = '';
  const nights: Record<string, Night> = {};
  const mails: Record<string, string> = {};
  /** The incident issues as they stood after each night. */
  const after: Record<string, Issue[]> = {};

  const incidents = () =>
    github.state.issues(OWNER, REPO).filter((issue) => issue.labels.includes('incident'));
  type Issue = ReturnType<typeof incidents>[number];
  const componentOf = (issue: { labels: string[] }) =>
    issue.labels.find((label) => label.startsWith('component:'))?.slice('component:'.length);
  /** `component state` of every incident after night `name`, by issue number. */
  const states = (name: string) =>
    (after[name] ?? []).map((issue) => `#${issue.number} ${componentOf(issue)} ${issue.state}`);
  const find = (name: string, component: string, text = '') =>
    (after[name] ?? []).find((i) => componentOf(i) === component && (i.body ?? '').includes(text));
  const databaseName = () => resolveDatabase(mongo.uri).name;

  async function night(name: string, faults: CountyFaults, env: string[] = []): Promise<Night> {
    county.setFaults(faults);
    const envFile = join(out, `${name}.env`);
    await writeFile(
      envFile,
      [
        `MONGODB_URI=${mongo.uri}`,
        `GITHUB_API_URL=${github.url}`,
        `GITHUB_TOKEN=${github.token}`,
        `GITHUB_REPOSITORY=${OWNER}/${REPO}`,
        `SMTP_URL=smtp+insecure://reports:${SMTP_PASSWORD}@127.0.0.1:${smtp.port}`,
        'REPORT_FROM=pipeline@example.com',
        'REPORT_TO=ops@example.com',
        `COUNTY_API_URL=${county.url}`,
        `COUNTY_API_TOKEN=${county.token}`,
        ...env,
      ].join('\n'),
    );
    const before = smtp.messages.length;
    const result = await runNight({
      out,
      envFile,
      args: ['--parcels-per-zip', '8', '--input', 'zip-codes=85031,85033', '--input', 'mode=full'],
      timeoutMs: 240_000,
    });
    const mail = smtp.messages[before];
    mails[name] = mail ? ((await simpleParser(mail.raw)).text ?? '') : '';
    nights[name] = result;
    after[name] = structuredClone(incidents());
    return result;
  }

  /** The month's ledger at 96 % of the $25 budget: $21.50 metered plus the card's $2.50 of proxies. */
  async function spendThisMonth(month: string): Promise<void> {
    await withClient(mongo.uri, (client) =>
      client
        .db(databaseName())
        .collection<{ _id: string }>('costs')
        .insertOne({
          _id: 'seeded:github-actions',
          runId: 'seeded',
          service: 'github-actions',
          unit: 'minute',
          quantity: 2687.5,
          cost: 21.5,
          day: `${month}-01`,
          month,
          recordedAt: new Date().toISOString(),
          rateCardVersion: 'seeded',
          items: [],
        } as never),
    );
  }

  /** A month later: every ledger entry moves to the month before. */
  async function startNextMonth(): Promise<void> {
    await withClient(mongo.uri, (client) =>
      client
        .db(databaseName())
        .collection('costs')
        .updateMany({}, { $set: { month: '2000-01', day: '2000-01-01' } }),
    );
  }

  beforeAll(async () => {
    mongo = await provisionMongo({
      logger: memoryLogger(),
      env: { ...process.env, MONGODB_URI: '' },
    });
    github = await startGitHubEmulator();
    smtp = await startSmtpServer({ users: { reports: SMTP_PASSWORD } });
    county = await startCountySandbox({ seed: 'incident-nights', parcelsPerZip: 8 });
    out = await mkdtemp(join(tmpdir(), 'phx-incident-nights-'));
    // 1. A degraded night: about a third of the parcels cannot be served (404 for those APNs,
    // every night, so no retry helps), the rest are collected.
    await night('degraded', { brokenParcels: { share: 0.3, status: 404 } });
    // 2. An outage after preflight: the token check passes, then every request answers 503.
    await night('outage', { outageAfter: 1 });
    // 3. The database is down at preflight.
    await night('database-down', {}, [
      'MONGODB_URI=mongodb://pipeline:db-pass-5150@127.0.0.1:9/?serverSelectionTimeoutMS=2000',
    ]);
    // 4. Everything works again, but the month is at 96 % of its budget.
    const month = new Date(Date.now() - 7 * 3_600_000).toISOString().slice(0, 7);
    await spendThisMonth(month);
    await night('budget-critical', {});
    // 5. A new month: the budget is back inside.
    await startNextMonth();
    await night('next-month', {});
  }, 1_200_000);

  afterAll(async () => {
    await county?.close();
    await smtp?.close();
    await github?.close();
    await mongo?.stop();
  });

  it('files a degraded night under the county collector at the guide band (P2), with its rate', () => {
    const issue = find('degraded', 'collect-county');
    expect(states('degraded')).toEqual([`#${issue?.number} collect-county open`]);
    expect(issue?.labels).toContain('severity:p2');
    const rate = Number(/given up \((\d+\.\d) %\)/.exec(issue?.body ?? '')?.[1]);
    expect(rate).toBeGreaterThanOrEqual(50);
    expect(rate).toBeLessThan(90);
  });

  it('fails an outage after preflight with the source-outage runbook and closes nothing', () => {
    const outage = nights.outage!;
    expect(outage.code).toBe(1);
    expect(outage.result.jobs.plan?.result).toBe('success');
    expect(outage.result.jobs.county?.result).toBe('failure');
    const issue = find('outage', 'collect-county', 'Data source outage');
    expect(issue?.labels).toContain('severity:p2');
    // The shard's own words: nothing collected, what failed, and from where.
    expect(issue?.body).toMatch(
      /the county API at http:\/\/127\.0\.0\.1:\d+\/ failed: 0 parcels collected/,
    );
    // The degraded night's incident stays open beside it: the county did not work tonight.
    const degraded = find('degraded', 'collect-county');
    expect(states('outage')).toEqual([
      `#${degraded?.number} collect-county open`,
      `#${issue?.number} collect-county open`,
    ]);
  });

  it('opens a P0 database incident on the first night the database is down, and still mails the report', () => {
    const down = nights['database-down']!;
    expect(down.result.jobs.plan?.result).toBe('failure');
    const issue = find('database-down', 'database');
    expect(issue?.state).toBe('open');
    expect(issue?.labels).toContain('severity:p0');
    expect(issue?.body).toContain('Database connection failure');
    expect(issue?.body).toContain('Failing check: **database reachable**');
    expect(down.result.jobs.report?.result).toBe('success');
    expect(mails['database-down']).toMatch(/the database could not be read: cannot reach MongoDB/i);
    // Said without the password, in the email and in the issue.
    expect(mails['database-down']).not.toContain('db-pass-5150');
    expect(JSON.stringify(after['database-down'])).not.toContain('db-pass-5150');
    expect(mails['database-down']).toContain(`#${issue?.number}`);
    // Nothing else closed: the county never ran.
    expect(states('database-down').filter((line) => line.endsWith('closed'))).toEqual([]);
  });

  it('opens a budget incident at 96 % and closes the recovered components the same night', () => {
    const outputs = JSON.parse(
      nights['budget-critical']?.result.jobs['budget-record']?.outputs.budget ?? '{}',
    ) as Record<string, string>;
    expect(outputs.level).toBe('critical');
    const budget = find('budget-critical', 'budget');
    expect(budget?.state).toBe('open');
    expect(budget?.labels).toContain('severity:p2');
    expect(budget?.body).toContain('Cost budget exceeded');
    // The county and the database worked tonight: every one of their incidents closed.
    expect(states('budget-critical').filter((line) => !line.includes(' budget '))).toEqual(
      states('database-down').map((line) => line.replace(/ open$/, ' closed')),
    );
    expect(mails['budget-critical']).toContain(`#${budget?.number}`);
  });

  it('closes the budget incident when a new month starts', () => {
    expect(nights['next-month']?.code).toBe(0);
    expect(states('next-month').filter((line) => line.endsWith('open'))).toEqual([]);
    expect(find('next-month', 'budget')?.state).toBe('closed');
  });
});
