import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../../../local/sandbox/github/server.js';
import { startSmtpServer, type TestSmtpServer } from '../../actions/send-report/smtp-harness.js';
import { runCli } from './run-cli.js';

const OWNER = 'phx';
const REPO = 'scheduled-e2e';

interface Outcome {
  code: number;
  stdout: string;
  outDir: string;
  runId: string;
  jobs: Record<string, { result: string; outputs: Record<string, string> }>;
}

let github: GitHubEmulator;
let smtp: TestSmtpServer;
let root = '';

async function pipeline(workflow: string, ...args: string[]): Promise<Outcome> {
  const out = await mkdtemp(join(root, 'run-'));
  const envFile = join(out, 'local.env');
  await writeFile(
    envFile,
    [
      `MONGODB_URI=${inject('mongodbUri')}`,
      `GITHUB_API_URL=${github.url}`,
      `GITHUB_TOKEN=${github.token}`,
      `GITHUB_REPOSITORY=${OWNER}/${REPO}`,
      `SMTP_URL=smtp+insecure://127.0.0.1:${smtp.port}`,
      'REPORT_FROM=pipeline@example.com',
      'REPORT_TO=owner@example.com',
    ].join('\n'),
  );
  const { code, stdout } = await runCli(
    ['--workflow', `.github/workflows/${workflow}`, '--env-file', envFile, '--out', out, ...args],
    90_000,
  );
  const [runId = ''] = (await readdir(out)).filter((name) => /^\d+$/.test(name));
  const outDir = join(out, runId);
  const result = JSON.parse(await readFile(join(outDir, 'result.json'), 'utf8')) as Outcome;
  return { ...result, code, stdout, outDir, runId };
}

function watchdogIncidents() {
  return github.state
    .issues(OWNER, REPO)
    .filter((issue) => issue.labels.includes('component:watchdog'));
}

beforeAll(async () => {
  github = await startGitHubEmulator();
  smtp = await startSmtpServer();
  root = await mkdtemp(join(tmpdir(), 'phx-scheduled-'));
  for (const file of ['data-collection.yml', 'reports.yml', 'watchdog.yml']) {
    github.state.addWorkflow(OWNER, REPO, { file });
  }
  // GitHub disabled this one after 60 quiet days.
  github.state.addWorkflow(OWNER, REPO, { file: 'maintenance.yml', state: 'disabled_inactivity' });
});

afterAll(async () => {
  await github?.close();
  await smtp?.close();
});

describe('npm run pipeline: the scheduled workflows on the sandbox', () => {
  // The monthly cron fires every Monday; the job sends only on the month's first (day 1-7 in
  // Phoenix). Which of the two today is comes from the clock: test/workflows/reports-schedule
  // checks both at fixed dates.
  it("on the monthly schedule, sends the monthly report on the month's first Monday only", async () => {
    const day = Number(
      new Intl.DateTimeFormat('en-US', { timeZone: 'America/Phoenix', day: 'numeric' }).format(
        new Date(),
      ),
    );
    const run = await pipeline('reports.yml', '--event', 'schedule', '--schedule', '13 16 * * 1');
    expect(run.code, run.stdout).toBe(0);
    if (day > 7) {
      expect(smtp.messages).toHaveLength(0);
      expect(run.stdout).toContain(`Day ${day} of the month is past its first Monday`);
      return;
    }
    expect(smtp.messages).toHaveLength(1);
    const mail = await simpleParser(smtp.messages[0]?.raw ?? Buffer.alloc(0));
    expect(mail.subject).toMatch(/monthly/i);
    expect(mail.to).toMatchObject({ text: 'owner@example.com' });
  }, 100_000);

  it('sends the weekly report when the Monday 09:03 schedule fires', async () => {
    const before = smtp.messages.length;
    const run = await pipeline('reports.yml', '--event', 'schedule', '--schedule', '3 16 * * 1');
    expect(run.code, run.stdout).toBe(0);
    expect(smtp.messages).toHaveLength(before + 1);
    const mail = await simpleParser(smtp.messages[before]?.raw ?? Buffer.alloc(0));
    expect(mail.subject).toMatch(/weekly/i);
  }, 100_000);

  it('backs the database up and exports the properties as artifacts on the weekly schedule', async () => {
    const run = await pipeline('maintenance.yml', '--event', 'schedule');
    expect(run.code, run.stdout).toBe(0);
    expect(run.jobs.maintain?.result).toBe('success');
    expect(run.jobs.incident?.result).toBe('success');
    const index = JSON.parse(
      await readFile(join(run.outDir, '..', '.state', 'artifacts', 'index.json'), 'utf8'),
    ) as { artifacts: Array<{ name: string; finalized: boolean; runBackendId: string }> };
    const names = index.artifacts
      .filter((a) => a.finalized && a.runBackendId === run.runId)
      .map((a) => a.name);
    const backup = run.jobs.maintain?.outputs['backup-artifact'] ?? '';
    expect(backup).toMatch(/^db-backup-\d{4}-\d{2}-\d{2}$/);
    expect(names).toContain(backup);
    expect(names.some((name) => name.startsWith('property-export-'))).toBe(true);
  }, 100_000);

  it('opens one incident for a nightly run that timed out, and closes it when the next succeeds', async () => {
    const hoursAgo = (hours: number) =>
      new Date(Date.now() - hours * 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');
    github.state.addWorkflowRun(OWNER, REPO, {
      workflow: 'data-collection.yml',
      event: 'schedule',
      conclusion: 'timed_out',
      createdAt: hoursAgo(5),
    });
    const failing = await pipeline('watchdog.yml', '--event', 'schedule');
    expect(failing.code, failing.stdout).toBe(0);
    expect(watchdogIncidents()).toHaveLength(1);
    expect(watchdogIncidents()[0]).toMatchObject({ state: 'open' });
    // The most serious finding names the incident; the details list every workflow's.
    expect(watchdogIncidents()[0]?.title).toBe('Incident: watchdog: disabled');
    expect(watchdogIncidents()[0]?.body).toContain('timed_out');
    expect(watchdogIncidents()[0]?.body).toContain('maintenance.yml');
    // The keepalive re-enabled the schedule GitHub had disabled.
    expect(github.state.workflow(OWNER, REPO, 'maintenance.yml')?.state).toBe('active');

    github.state.addWorkflowRun(OWNER, REPO, {
      workflow: 'data-collection.yml',
      event: 'schedule',
      conclusion: 'success',
      createdAt: hoursAgo(1),
    });
    const recovered = await pipeline('watchdog.yml', '--event', 'schedule');
    expect(recovered.code, recovered.stdout).toBe(0);
    expect(watchdogIncidents()).toHaveLength(1);
    expect(watchdogIncidents()[0]).toMatchObject({ state: 'closed' });
  }, 200_000);
});
