import { describe, expect, it } from 'vitest';
import { sendReportInputs } from '../../../actions/send-report/src/inputs.js';
import {
  escapeMarkdown,
  renderMarkdown,
} from '../../../actions/send-report/src/render-markdown.js';
import { buildReport, type Report } from '../../../actions/send-report/src/report.js';
import { summariseRuns } from '../../../actions/send-report/src/run-summary.js';
import { smtpSettings } from '../../../actions/send-report/src/smtp-config.js';
import { isTransient } from '../../../actions/send-report/src/smtp-send.js';
import type { StageRun } from '../../../actions/send-report/src/stage-runs.js';
import { parseInputs } from '../../../shared/inputs.js';

const inputs = (raw: Record<string, string>) =>
  parseInputs(sendReportInputs, (name) => raw[name] ?? '');

describe('SMTP settings', () => {
  it.each([
    [
      'smtp://u:p%40ss@mail.example.com:2525',
      {
        host: 'mail.example.com',
        port: 2525,
        secure: false,
        requireTls: true,
        auth: { user: 'u', pass: 'p@ss' },
      },
    ],
    ['smtps://u:p@mail.example.com', { port: 465, secure: true, requireTls: false }],
    ['smtp+starttls://u:p@mail.example.com', { port: 587, secure: false, requireTls: true }],
    ['smtp://mail.example.com:25', { port: 25, auth: undefined, requireTls: true }],
    ['smtp+insecure://mail.example.com:25', { port: 25, secure: false, requireTls: false }],
  ])('reads %s', (url, expected) => {
    expect(smtpSettings(inputs({ 'smtp-url': url }))).toMatchObject(expected);
  });

  it('uses host and port when no URL is given: 465 is TLS, any other port requires STARTTLS', () => {
    expect(smtpSettings(inputs({ 'smtp-host': 'h', 'smtp-port': '465' }))).toMatchObject({
      secure: true,
    });
    expect(smtpSettings(inputs({ 'smtp-host': 'h' }))).toMatchObject({
      port: 587,
      requireTls: true,
    });
    expect(smtpSettings(inputs({ 'smtp-host': 'h', 'smtp-port': '25' }))).toMatchObject({
      port: 25,
      requireTls: true,
    });
    expect(smtpSettings(inputs({}))).toBeUndefined();
  });

  it('never shows the credentials in its display name', () => {
    expect(
      smtpSettings(inputs({ 'smtp-url': 'smtps://user:hunter22@mail.example.com' }))?.display,
    ).toBe('mail.example.com:465 (TLS)');
  });
});

describe('SMTP failure classes', () => {
  it.each([
    [{ responseCode: 421 }, true],
    [{ responseCode: 451 }, true],
    [{ responseCode: 454 }, true],
    [{ code: 'ECONNECTION' }, true],
    [{ code: 'ETIMEDOUT' }, true],
    [{ code: 'ECONNRESET' }, true],
    [{ code: 'EAUTH', responseCode: 535 }, false],
    [{ responseCode: 550 }, false],
    [{ code: 'ETLS' }, false],
  ])('%o transient: %s', (error, transient) => {
    expect(isTransient(error)).toBe(transient);
  });
});

function county(shard: string, fetched: number, failed: number, durationMin: number): StageRun {
  return {
    runId: 'r1',
    stage: 'collect-county',
    shard,
    outcome: 'success',
    startedAt: '2026-11-28T10:00:00.000Z',
    finishedAt: new Date(
      Date.parse('2026-11-28T10:00:00.000Z') + durationMin * 60_000,
    ).toISOString(),
    durationMs: durationMin * 60_000,
    counts: { 'parcels-fetched': fetched, 'parcels-failed': failed },
    errorsByClass: { server: failed },
    retries: 0,
    usage: [],
  };
}

describe('Markdown summary escaping', () => {
  it('keeps table cells and markup inert', () => {
    expect(escapeMarkdown('a | b <img src=x onerror=alert(1)> *c*')).toBe(
      'a \\| b &lt;img src=x onerror=alert(1)&gt; \\*c\\*',
    );
    const report = { subject: '✅ <b>x</b>' } as Report;
    const markdown = renderMarkdown(
      report,
      [
        {
          heading: 'Action items',
          lines: [],
          charts: [],
          tables: [{ columns: ['Item'], rows: [['<script>x</script> | y']] }],
        },
      ],
      [],
    );
    expect(markdown).toContain('| &lt;script&gt;x&lt;/script&gt; \\| y |');
    expect(markdown).not.toContain('<b>');
  });
});

describe("the workflow's failed jobs", () => {
  const report = (
    jobs: Array<{ name: string; result: string }>,
    runs = [county('85031', 95, 5, 20)],
  ) =>
    buildReport({
      kind: 'daily',
      now: new Date('2026-11-28T14:00:00.000Z'),
      runs: summariseRuns(runs),
      previousRuns: undefined,
      budget: undefined,
      market: undefined,
      incidents: [],
      openIncidents: { incidents: [], problem: 'no github-token was given' },
      nights: { workflow: 'data-collection.yml', runs: [], ranBefore: false, problem: 'no token' },
      database: undefined,
      databaseProblem: undefined,
      notes: [],
      runUrl: 'https://github.com/o/r/actions/runs/r2',
      runId: 'r2',
      jobs,
    });

  it('make the report fail when this run left no results of its own', () => {
    const failed = report([
      { name: 'plan', result: 'failure' },
      { name: 'county', result: 'skipped' },
    ]);
    expect(failed.status).toBe('failure');
    expect(failed.subject).toMatch(/failed$/);
    expect(failed.actionItems[0]).toEqual({
      text: 'Job plan ended failure in this run',
      url: 'https://github.com/o/r/actions/runs/r2',
    });
  });

  it('mark a run that collected but lost a job as partial, and leave a clean run alone', () => {
    const own = [{ ...county('85031', 95, 5, 20), runId: 'r2' }];
    expect(report([{ name: 'mls', result: 'cancelled' }], own).status).toBe('partial');
    expect(report([{ name: 'mls', result: 'success' }], own).status).toBe(report([], own).status);
    expect(report([{ name: 'mls', result: 'success' }], own).actionItems).toEqual(
      report([], own).actionItems,
    );
  });

  it('take toJSON(needs) and name the input when it is something else', () => {
    expect(inputs({ jobs: '{"plan":{"result":"success","outputs":{"zips":"[]"}}}' }).jobs).toEqual([
      { name: 'plan', result: 'success' },
    ]);
    expect(() => inputs({ jobs: '["plan"]' })).toThrow(
      "input 'jobs': expected a JSON object of jobs with a result each",
    );
  });
});
