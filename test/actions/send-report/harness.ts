import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunLedgerEntry } from '../../../shared/db/collections.js';
import { writeStageOutput } from '../../../shared/io/stage-output.js';
import { ERROR_CLASSES, type RunStats } from '../../../shared/model/run-stats.js';
import { createSendReportAction } from '../../../actions/send-report/src/main.js';
import type { SendReportDeps } from '../../../actions/send-report/src/send-report.js';
import { runRecorded, type RecordedRun } from '../../support/recording-runtime.js';

/** 2026-11-28 08:00 in Phoenix: the morning report's clock. */
export const NOW = new Date('2026-11-28T15:00:00.000Z');

/** What the action did, as a runner would have recorded it. */
export type { RecordedRun } from '../../support/recording-runtime.js';

/** Runs send-report's run() with `inputs` in `workspace`, recording what it did. */
export async function runSendReport(
  inputs: Record<string, string>,
  workspace: string,
  deps: Partial<SendReportDeps> = {},
  env: NodeJS.ProcessEnv = {},
): Promise<RecordedRun> {
  const action = createSendReportAction({
    now: () => NOW,
    env: {
      GITHUB_RUN_ID: '9001',
      GITHUB_WORKSPACE: workspace,
      RUNNER_TEMP: join(workspace, 'tmp'),
      GITHUB_REPOSITORY: 'acme/phx',
      ...env,
    },
    artifactClient: null,
    delivery: { attempts: 4, baseDelayMs: 20, timeoutMs: 5_000 },
    ...deps,
  });
  return runRecorded(action, inputs);
}

/** A fresh workspace folder; remove it with `rm` after the test. */
export const makeWorkspace = (): Promise<string> => mkdtemp(join(tmpdir(), 'send-report-'));
export const removeWorkspace = (dir: string): Promise<void> =>
  rm(dir, { recursive: true, force: true });

const noErrors = (): RunStats['errorsByClass'] =>
  Object.fromEntries(ERROR_CLASSES.map((name) => [name, 0])) as RunStats['errorsByClass'];

/** One collect-county shard's run-stats. */
export function countyStats(
  zip: string,
  fetched: number,
  options: Partial<RunStats> & { failed?: number } = {},
): RunStats {
  const { failed = 0, ...rest } = options;
  return {
    schemaVersion: 1,
    runId: '9001',
    action: 'collect-county',
    shard: zip,
    startedAt: '2026-11-28T10:00:00.000Z',
    finishedAt: '2026-11-28T10:20:00.000Z',
    durationMs: 20 * 60_000,
    counts: { 'parcels-fetched': fetched, 'parcels-failed': failed },
    errorsByClass: noErrors(),
    retries: 0,
    outcome: 'success',
    ...rest,
  };
}

/** Writes a collect-county stage folder (no data, its run-stats and usage) under `workspace`. */
export async function writeCountyStage(workspace: string, stats: RunStats): Promise<string> {
  const name = `county-${stats.shard}`;
  await writeStageOutput(
    join(workspace, name),
    {
      runId: stats.runId,
      stage: 'collect-county',
      shard: stats.shard,
      recordType: 'county-parcel',
      recordSchemaVersion: 1,
    },
    [],
    {
      records: {
        'run-stats': [stats],
        usage: [
          {
            schemaVersion: 1,
            runId: stats.runId,
            action: 'collect-county',
            shard: stats.shard,
            service: 'county-api',
            unit: 'request',
            quantity: 900,
            recordedAt: stats.finishedAt,
          },
        ],
      },
    },
  );
  return name;
}

/** A `runs` ledger entry of one stage of a run that started at `startedAt`. */
export function ledgerEntry(
  runId: string,
  stage: string,
  shard: string,
  startedAt: Date,
  counts: Record<string, number>,
  extra: Partial<RunLedgerEntry> = {},
): RunLedgerEntry {
  const finishedAt = new Date(startedAt.getTime() + 25 * 60_000);
  return {
    _id: `${runId}:${stage}:${shard}`,
    runId,
    stage,
    shard,
    outcome: 'success',
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: 25 * 60_000,
    counts,
    errorsByClass: {},
    retries: 0,
    usage: [],
    recordedAt: finishedAt.toISOString(),
    ...extra,
  };
}
