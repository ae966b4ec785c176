import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyManifest } from '../../../shared/io/manifest.js';
import {
  countyStats,
  makeWorkspace,
  removeWorkspace,
  runSendReport,
  writeCountyStage,
} from './harness.js';
import { startSmtpServer } from './smtp-harness.js';

describe('send-report without SMTP, in dry runs and with bad inputs', () => {
  let workspace: string;
  let stages: string;

  beforeEach(async () => {
    workspace = await makeWorkspace();
    stages = [
      await writeCountyStage(
        workspace,
        countyStats('85031', 700, {
          failed: 300,
          outcome: 'partial',
          errorsByClass: {
            network: 0,
            'rate-limited': 120,
            server: 180,
            auth: 0,
            client: 0,
            parse: 0,
            other: 0,
          },
          retries: 400,
        }),
      ),
      await writeCountyStage(workspace, countyStats('85033', 820)),
    ].join(',');
  });
  afterEach(() => removeWorkspace(workspace));

  it('writes the message as .eml and the report as .html and says where', async () => {
    const run = await runSendReport(
      { 'run-results': `${stages},county-85035`, incidents: '#7' },
      workspace,
    );
    expect(run.failures).toEqual([]);
    const folder = join(workspace, 'out/reports/report-daily');
    expect(run.summaries[0]).toContain(
      `No SMTP configured: message written to ${join(folder, 'message.eml')} and ${join(folder, 'report.html')}`,
    );
    expect(run.outputs).toEqual({
      sent: 'false',
      'message-id': '',
      status: 'partial',
      'report-artifact': '',
    });
    const mail = await simpleParser(await readFile(join(folder, 'message.eml')));
    expect(mail.subject).toBe(
      '⚠️ PHX pipeline daily report 2026-11-28: completed with issues (1,520 properties)',
    );
    expect(mail.text).toContain('Success rate: 83.5 %');
    expect(mail.text).toMatch(
      /rate-limited\s+120\s+partly resolved: retried \(400 retries\), 300 records still failed; incident #7/,
    );
    expect(mail.text).toContain(
      'Run results not found (stage skipped or failed before upload): county-85035',
    );
    const html = await readFile(join(folder, 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('background:#fff3cd;">83.5 %'); // success rate coloured as a warning
    expect(existsSync(join(folder, 'charts/collected-by-zip.png'))).toBe(true);
    const manifest = await verifyManifest(folder);
    expect(manifest.files.map((file) => file.path)).toEqual(
      expect.arrayContaining([
        'report.html',
        'report.txt',
        'message.eml',
        'by-zip.csv',
        'run-stats.ndjson',
      ]),
    );
  });

  it('reports a failed run as failed', async () => {
    await writeCountyStage(
      workspace,
      countyStats('85035', 0, {
        failed: 900,
        outcome: 'failure',
        startedAt: '2026-11-28T10:00:00.000Z',
      }),
    );
    const run = await runSendReport({ 'run-results': 'county-85035' }, workspace);
    expect(run.outputs.status).toBe('failure');
    const mail = await simpleParser(
      await readFile(join(workspace, 'out/reports/report-daily/message.eml')),
    );
    expect(mail.subject).toBe('🚨 PHX pipeline daily report 2026-11-28: failed');
  });

  it('sends nothing in a dry run', async () => {
    const server = await startSmtpServer();
    try {
      const run = await runSendReport(
        {
          'smtp-url': `smtp+insecure://127.0.0.1:${server.port}`,
          from: 'a@example.com',
          to: 'b@example.com',
          'run-results': stages,
          'dry-run': 'true',
        },
        workspace,
      );
      expect(run.failures).toEqual([]);
      expect(server.tries).toBe(0);
      expect(run.outputs.sent).toBe('false');
      expect(run.summaries[0]).toContain('Dry run: not sent to 1 recipient(s)');
    } finally {
      await server.close();
    }
  });

  it.each([
    [
      { to: Array.from({ length: 11 }, (_, i) => `r${i}@example.com`).join(',') },
      "input 'to': expected at most 10 recipients",
    ],
    [
      { to: 'ops@example.com, not-an-address' },
      "input 'to': 'not-an-address': expected an email address",
    ],
    [
      { 'smtp-url': 'http://mail.example.com' },
      "input 'smtp-url': expected a URL starting with smtps://, smtp:// (STARTTLS required) or smtp+insecure:// (no TLS required)",
    ],
    [{ kind: 'hourly' }, "input 'kind': expected one of daily, weekly, monthly, got 'hourly'"],
    [{ budget: '{"level": ' }, "input 'budget': expected check-budget's outputs as a JSON object"],
    [
      { 'smtp-host': 'mail.example.com' },
      "input 'to' (variable REPORT_TO) is required when SMTP is configured",
    ],
    [{ attach: 'pdf' }, "input 'attach': 'pdf': expected html or csv"],
  ])('rejects bad input %o', async (inputs, message) => {
    const run = await runSendReport(inputs, workspace);
    expect(run.failures).toHaveLength(1);
    expect(run.failures[0]).toContain(message);
    expect(run.outputs).toEqual({
      sent: 'false',
      'message-id': '',
      status: 'failure',
      'report-artifact': '',
      error: expect.stringContaining(message) as string,
    });
  });
});
