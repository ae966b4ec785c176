import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  countyStats,
  makeWorkspace,
  removeWorkspace,
  runSendReport,
  writeCountyStage,
} from './harness.js';
import {
  startFlakyFront,
  startSmtpServer,
  testCertificate,
  type TestSmtpServer,
} from './smtp-harness.js';

const PASSWORD = 'p4ss-w0rd-secret';
const BUDGET = JSON.stringify({
  level: 'ok',
  utilization: '24.3',
  'month-to-date': '6.08',
  projected: '6.51',
  'run-cost': '0.21',
  'cost-per-property': '0.000086',
  severity: 'none',
  breakdown: '{"github-actions":3.1,"proxy":2.5}',
});

describe('send-report delivery over SMTP', () => {
  let workspace: string;
  let stages: string[];
  const cleanups: Array<() => Promise<void>> = [];

  beforeAll(() => undefined);
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
    await removeWorkspace(workspace);
  });

  async function setUp(server: TestSmtpServer): Promise<void> {
    cleanups.push(() => server.close());
    workspace = await makeWorkspace();
    stages = [
      await writeCountyStage(workspace, countyStats('85031', 800)),
      await writeCountyStage(workspace, countyStats('85033', 820)),
      await writeCountyStage(workspace, countyStats('85035', 811)),
    ];
  }

  it('sends the daily report with HTML, text, inline charts by cid and attachments', async () => {
    const server = await startSmtpServer({ users: { reporter: PASSWORD } });
    await setUp(server);
    const run = await runSendReport(
      {
        'smtp-url': `smtp+insecure://reporter:${PASSWORD}@127.0.0.1:${server.port}`,
        from: 'PHX pipeline <pipeline@example.com>',
        to: 'ops@example.com, manager@example.com',
        'run-results': stages.join(','),
        budget: BUDGET,
        incidents: '42',
        attach: 'html csv',
      },
      workspace,
    );
    expect(run.failures).toEqual([]);
    expect(server.messages).toHaveLength(1);
    const received = server.messages[0]!;
    expect(received.to).toEqual(['ops@example.com', 'manager@example.com']);
    expect(received.user).toBe('reporter');
    const mail = await simpleParser(received.raw, { keepCidLinks: true });
    expect(mail.subject).toBe('✅ PHX pipeline daily report 2026-11-28: 2,431 properties');
    expect(mail.text).toContain('Properties collected: 2,431 (county 2,431, listings 0)');
    expect(mail.text).toContain('85033');
    expect(mail.text).toContain(
      '[Chart] Properties collected by ZIP: 85031 800, 85033 820, 85035 811',
    );
    expect(mail.text).toContain('Open incident #42 <https://github.com/acme/phx/issues/42>');
    const html = String(mail.html);
    expect(html).toContain('src="cid:collected-by-zip"');
    const inline = mail.attachments.filter((a) => a.related);
    expect(inline.map((a) => a.cid)).toEqual(['collected-by-zip']);
    expect(inline[0]!.contentType).toBe('image/png');
    expect(inline[0]!.content.subarray(1, 4).toString()).toBe('PNG');
    const attached = mail.attachments.filter((a) => !a.related).map((a) => a.filename);
    expect(attached).toEqual(['report.html', 'by-zip.csv']);
    const csv = mail.attachments.find((a) => a.filename === 'by-zip.csv')!.content.toString();
    expect(csv).toBe(
      'zip,county,listings,total\r\n85031,800,0,800\r\n85033,820,0,820\r\n85035,811,0,811\r\n',
    );
    expect(run.outputs).toMatchObject({
      sent: 'true',
      status: 'success',
      'message-id': mail.messageId,
      'report-artifact': '',
    });
    expect(run.summaries[0]).toContain(
      '| Collection success rate | 🟢 100.0 % | ≥ 95 % | warning &lt; 90.0 %, critical &lt; 70.0 % | 🟢 ok |',
    );
    expect(run.summaries[0]).toContain('Sent to 2 recipient(s)');
    // The password never shows: not in the message, the logs, the summary or the saved files.
    const saved = await readFile(join(workspace, 'out/reports/report-daily/message.eml'), 'utf8');
    for (const text of [
      received.raw.toString(),
      run.lines.join('\n'),
      run.summaries.join(''),
      saved,
    ])
      expect(text).not.toContain(PASSWORD);
    expect(run.secrets).toContain(`smtp+insecure://reporter:${PASSWORD}@127.0.0.1:${server.port}`);
  });

  it('sends from the SMTP login when REPORT_FROM is not set and the login is an address', async () => {
    const server = await startSmtpServer({ users: { 'reports@example.com': PASSWORD } });
    await setUp(server);
    const run = await runSendReport(
      {
        'smtp-url': `smtp+insecure://reports%40example.com:${PASSWORD}@127.0.0.1:${server.port}`,
        to: 'ops@example.com',
        'run-results': stages.join(','),
      },
      workspace,
    );
    expect(run.failures).toEqual([]);
    expect(server.messages).toHaveLength(1);
    expect(server.messages[0]!.from).toBe('reports@example.com');
    const mail = await simpleParser(server.messages[0]!.raw);
    expect(mail.from?.value[0]?.address).toBe('reports@example.com');
  });

  it('names REPORT_FROM when the login is no address to send from, after saving the report', async () => {
    const server = await startSmtpServer({ users: { reporter: PASSWORD } });
    await setUp(server);
    const run = await runSendReport(
      {
        'smtp-url': `smtp+insecure://reporter:${PASSWORD}@127.0.0.1:${server.port}`,
        to: 'ops@example.com',
        'run-results': stages.join(','),
      },
      workspace,
    );
    expect(run.failures).toHaveLength(1);
    expect(run.failures[0]).toMatch(
      /^send-report failed: input 'from' \(variable REPORT_FROM\) is required with SMTP .*the SMTP login is not an email address.*The report is saved in /,
    );
    expect(run.failures[0]).not.toContain('reporter');
    expect(server.tries).toBe(0);
    const folder = join(workspace, 'out/reports/report-daily');
    expect(await readFile(join(folder, 'report.html'), 'utf8')).toContain('2,431');
  });

  it('upgrades with STARTTLS and authenticates when smtp:// is given', async () => {
    const tls = await testCertificate();
    const server = await startSmtpServer({ users: { reporter: PASSWORD }, tls });
    await setUp(server);
    const run = await runSendReport(
      {
        'smtp-url': `smtp://reporter:${PASSWORD}@127.0.0.1:${server.port}`,
        from: 'pipeline@example.com',
        to: 'ops@example.com',
        'run-results': stages.join(' '),
      },
      workspace,
      { delivery: { ca: tls.cert, baseDelayMs: 20 } },
    );
    expect(run.failures).toEqual([]);
    expect(server.messages).toHaveLength(1);
    expect(server.messages[0]!.secure).toBe(true);
    expect(server.messages[0]!.user).toBe('reporter');
  });

  it('refuses smtp:// to a server without STARTTLS, naming the host and the opt-out', async () => {
    const server = await startSmtpServer({ users: { reporter: PASSWORD } });
    await setUp(server);
    const run = await runSendReport(
      {
        'smtp-url': `smtp://reporter:${PASSWORD}@127.0.0.1:${server.port}`,
        from: 'pipeline@example.com',
        to: 'ops@example.com',
        'run-results': stages.join(' '),
      },
      workspace,
      { delivery: { baseDelayMs: 20 } },
    );
    expect(run.failures).toHaveLength(1);
    expect(run.failures[0]).toMatch(
      /SMTP server 127\.0\.0\.1:\d+ \(STARTTLS\) does not offer STARTTLS .*use smtps:\/\/ .*opt out with smtp\+insecure:\/\/user:password@host:port/,
    );
    expect(run.failures[0]).not.toContain(PASSWORD);
    expect(server.tries).toBe(0);
    expect(server.messages).toHaveLength(0);
    expect(run.outputs.sent).toBe('false');
  });

  it('sends over plain text to the same server when smtp+insecure:// opts out', async () => {
    const server = await startSmtpServer({ users: { reporter: PASSWORD } });
    await setUp(server);
    const run = await runSendReport(
      {
        'smtp-url': `smtp+insecure://reporter:${PASSWORD}@127.0.0.1:${server.port}`,
        from: 'pipeline@example.com',
        to: 'ops@example.com',
        'run-results': stages.join(' '),
      },
      workspace,
    );
    expect(run.failures).toEqual([]);
    expect(server.messages).toHaveLength(1);
    expect(server.messages[0]!.secure).toBe(false);
    expect(server.messages[0]!.user).toBe('reporter');
  });

  it('fails clearly when the server refuses the credentials, and keeps the report', async () => {
    const tls = await testCertificate();
    const server = await startSmtpServer({ users: { reporter: 'another-password' }, tls });
    await setUp(server);
    const run = await runSendReport(
      {
        'smtp-host': '127.0.0.1',
        'smtp-port': String(server.port),
        'smtp-username': 'reporter',
        'smtp-password': PASSWORD,
        from: 'pipeline@example.com',
        to: 'ops@example.com',
        'run-results': stages.join(','),
      },
      workspace,
      { delivery: { ca: tls.cert } },
    );
    expect(run.failures).toHaveLength(1);
    expect(run.failures[0]).toMatch(
      /^send-report failed: SMTP server 127\.0\.0\.1:\d+ \(STARTTLS\) refused authentication for user 'reporter': .*535.*Check smtp-url or smtp-username\/smtp-password\. The report is saved in /,
    );
    expect(run.failures[0]).not.toContain(PASSWORD);
    expect(server.tries).toBe(0);
    expect(server.messages).toHaveLength(0);
    expect(run.outputs).toEqual({
      sent: 'false',
      'message-id': '',
      status: 'failure',
      'report-artifact': '',
      error: expect.stringMatching(/refused authentication for user 'reporter'/) as string,
    });
    expect(run.outputs.error).not.toContain(PASSWORD);
    const folder = join(workspace, 'out/reports/report-daily');
    expect(await readFile(join(folder, 'report.html'), 'utf8')).toContain('2,431');
    const stats: unknown = JSON.parse(
      (await readFile(join(folder, 'run-stats.ndjson'), 'utf8')).trim(),
    );
    expect(stats).toMatchObject({
      action: 'send-report',
      outcome: 'failure',
      errorsByClass: { auth: 1 },
    });
    expect(existsSync(join(folder, 'manifest.json'))).toBe(true);
  });

  it('retries a reset connection, a silent server (timeout) and a 451 refusal, then delivers', async () => {
    const server = await startSmtpServer({ refuseFirst: 1 });
    await setUp(server);
    const front = await startFlakyFront(server.port, ['reset', 'silent']);
    cleanups.push(() => front.close());
    const run = await runSendReport(
      {
        'smtp-url': `smtp+insecure://127.0.0.1:${front.port}`,
        from: 'pipeline@example.com',
        to: 'ops@example.com',
        'run-results': stages.join(','),
      },
      workspace,
      { delivery: { attempts: 4, baseDelayMs: 20, timeoutMs: 400 } },
    );
    expect(run.failures).toEqual([]);
    expect(server.messages).toHaveLength(1);
    expect(server.tries).toBe(2);
    expect(front.accepted()).toBe(4);
    const retried = run.lines.filter((line) => line.startsWith('warning: try '));
    expect(retried).toHaveLength(3);
    expect(retried[1]).toContain('(ETIMEDOUT)');
    expect(retried[2]).toContain('451');
    expect(run.summaries[0]).toContain('(try 4)');
    const stats: unknown = JSON.parse(
      (await readFile(join(workspace, 'out/reports/report-daily/run-stats.ndjson'), 'utf8')).trim(),
    );
    expect(stats).toMatchObject({ outcome: 'success', retries: 3, counts: { 'messages-sent': 1 } });
  });
});
