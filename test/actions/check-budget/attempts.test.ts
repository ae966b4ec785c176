import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../../actions/check-budget/src/ledger.js';
import { COSTS_COLLECTION } from '../../../actions/check-budget/src/ledger-mongo.js';
import { createCheckBudgetAction } from '../../../actions/check-budget/src/main.js';
import { runAction } from '../../../shared/action.js';
import {
  startGitHubEmulator,
  type GitHubEmulator,
  type WorkflowJobInput,
} from '../../../local/sandbox/github/server.js';
import { useTestDatabase } from '../../support/database.js';
import { recordingRuntime } from '../../support/recording-runtime.js';

const root = resolve(import.meta.dirname, '../../..');
const database = useTestDatabase();
let github: GitHubEmulator;
let dir: string;

beforeAll(async () => {
  github = await startGitHubEmulator();
  dir = await mkdtemp(join(tmpdir(), 'check-budget-attempts-'));
});
afterAll(async () => {
  await github.close();
  await rm(dir, { recursive: true, force: true });
});

function databaseUri(): string {
  const url = new URL(database.uri);
  url.pathname = `/${database.db.databaseName}`;
  return url.toString();
}

function job(
  name: string,
  attempt: number,
  start: string,
  end: string | null,
  conclusion = 'success',
): WorkflowJobInput {
  return {
    name,
    status: end ? 'completed' : 'in_progress',
    conclusion: end ? conclusion : null,
    started_at: start,
    completed_at: end,
    labels: ['ubuntu-latest'],
    run_attempt: attempt,
  };
}

// Attempt 1: the collect job hit its 60-minute timeout; the record stage ran after it.
const attempt1 = [
  job('budget gate', 1, '2026-11-28T09:00:00Z', '2026-11-28T09:00:30Z'),
  job('collect (85031)', 1, '2026-11-28T09:01:00Z', '2026-11-28T10:01:00Z', 'failure'),
];
const attempt1Record = job('budget record', 1, '2026-11-28T10:02:00Z', null);
// Attempt 2 ("Re-run failed jobs"): new job records for the collect job and the record stage.
const attempt2 = [
  job('collect (85031)', 2, '2026-11-28T11:00:00Z', '2026-11-28T11:10:00Z'),
  job('budget record', 2, '2026-11-28T11:11:00Z', null),
];

/** Runs the record stage of `runId`'s attempt `attempt` at `now`, the ledger in MongoDB. */
async function record(runId: string, attempt: number, now: string) {
  const action = createCheckBudgetAction({
    now: () => new Date(now),
    env: {
      GITHUB_RUN_ID: runId,
      GITHUB_RUN_ATTEMPT: String(attempt),
      GITHUB_REPOSITORY: 'phx/pipeline',
      GITHUB_API_URL: github.url,
      RUNNER_TEMP: dir,
      GITHUB_WORKSPACE: root,
    },
    artifactClient: null,
  });
  const run = recordingRuntime({
    stage: 'record',
    'rate-card': 'test/fixtures/check-budget/rate-card.json',
    'github-token': github.token,
    'mongodb-uri': databaseUri(),
  });
  await runAction(action, run.runtime);
  expect(run.failures).toEqual([]);
  return run;
}

/** The run's documents in the `costs` collection. */
async function ledgerOf(runId: string) {
  const costs = database.db.collection<LedgerEntry>(COSTS_COLLECTION);
  const documents = await costs.find({ runId }).toArray();
  return documents.map(({ _id, quantity, cost }) => ({ _id, quantity, cost }));
}

describe('check-budget on a re-run attempt', () => {
  it('keeps the timed-out attempt’s minutes when attempt 2 records, and counts them once', async () => {
    github.state.addWorkflowRun('phx', 'pipeline', {
      id: 7201,
      jobs: [...attempt1, attempt1Record],
    });
    const first = await record('7201', 1, '2026-11-28T10:02:40Z');
    // 1 + 60 + 1 minutes at $0.006, plus the card's $2.50 monthly charge.
    expect(first.outputs).toMatchObject({ 'run-cost': '0.372', 'month-to-date': '2.872' });

    const finishedRecord = { ...attempt1Record, status: 'completed', conclusion: 'success' };
    const attempt1Jobs = [...attempt1, { ...finishedRecord, completed_at: '2026-11-28T10:03:00Z' }];
    github.state.addWorkflowRun('phx', 'pipeline', {
      id: 7201,
      jobs: [...attempt1Jobs, ...attempt2],
    });
    const second = await record('7201', 2, '2026-11-28T11:11:20Z');
    // Attempt 1's 62 minutes and attempt 2's 10 + 1, the run's one entry replaced.
    expect(second.outputs).toMatchObject({ 'run-cost': '0.438', 'month-to-date': '2.938' });
    expect(second.logger.lines).toContain('info: 5 jobs over attempts 1, 2, 73 billed minutes');
    expect(await ledgerOf('7201')).toEqual([
      { _id: '7201:github-actions', quantity: 73, cost: 0.438 },
    ]);

    // The record step of attempt 2 run again: nothing counted twice.
    const again = await record('7201', 2, '2026-11-28T11:11:50Z');
    expect(again.outputs).toMatchObject({ 'run-cost': '0.438', 'month-to-date': '2.938' });
    expect(await ledgerOf('7201')).toEqual([
      { _id: '7201:github-actions', quantity: 73, cost: 0.438 },
    ]);
  });

  it('pays for the timed-out attempt when only the re-run reached the record stage', async () => {
    const jobs = [...attempt1, ...attempt2];
    github.state.addWorkflowRun('phx', 'pipeline', { id: 7202, jobs });
    const run = await record('7202', 2, '2026-11-28T11:11:20Z');
    // 1 + 60 minutes of attempt 1, 10 + 1 of attempt 2.
    expect(run.outputs['run-cost']).toBe('0.432');
    expect(await ledgerOf('7202')).toEqual([
      { _id: '7202:github-actions', quantity: 72, cost: 0.432 },
    ]);
  });
});
