import type { ArtifactClient } from '@actions/artifact';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { errorMessage } from '../../../shared/errors.js';
import { uploadStage } from '../../../shared/io/artifact.js';
import { writeStageOutput } from '../../../shared/io/stage-output.js';
import type { Logger } from '../../../shared/logger.js';
import {
  ERROR_CLASSES,
  RUN_STATS_SCHEMA_VERSION,
  type RunStats,
} from '../../../shared/model/run-stats.js';
import { USAGE_SCHEMA_VERSION, type Usage } from '../../../shared/model/usage.js';
import type { RunCost } from './run-cost.js';

/** What the step did, for its `run-stats` record. */
export interface BudgetStepStats {
  runId: string;
  stage: 'gate' | 'record';
  startedAt: Date;
  durationMs: number;
  run: RunCost | undefined;
  /** Ledger entries written. */
  recorded: number;
  /** The ledger file, carried in the artifact so a later run can fetch it; none with MongoDB. */
  ledgerFile: string | undefined;
}

/** Name of the ledger file inside the `budget-record` artifact; `.jsonl` so the manifest lists it as a plain file. */
export const LEDGER_ARTIFACT_FILE = 'budget-ledger.jsonl';

/** The step's `run-stats`: partial when job minutes or usage artifacts were missing. */
export function budgetRunStats(step: BudgetStepStats): RunStats {
  const run = step.run;
  const errorsByClass = Object.fromEntries(
    ERROR_CLASSES.map((name) => [name, 0]),
  ) as RunStats['errorsByClass'];
  const jobsFailed = run?.jobsProblem !== undefined;
  if (jobsFailed) errorsByClass.other = 1;
  return {
    schemaVersion: RUN_STATS_SCHEMA_VERSION,
    runId: step.runId,
    action: 'check-budget',
    shard: step.stage,
    startedAt: step.startedAt.toISOString(),
    finishedAt: new Date(step.startedAt.getTime() + step.durationMs).toISOString(),
    durationMs: Math.round(step.durationMs),
    counts: {
      'usage-records': run?.usageRecords ?? 0,
      'artifacts-read': run?.artifacts.length ?? 0,
      'artifacts-missing': run?.missingArtifacts.length ?? 0,
      jobs: run?.jobs ?? 0,
      'ledger-entries-written': step.recorded,
    },
    errorsByClass,
    retries: 0,
    outcome: jobsFailed || (run?.missingArtifacts.length ?? 0) > 0 ? 'partial' : 'success',
  };
}

/** The Actions minutes the step measured, as a `usage` record; none when jobs were not read. */
export function measuredMinutes(step: BudgetStepStats, recordedAt: Date): Usage[] {
  const lines =
    step.run?.jobs === undefined
      ? []
      : step.run.lines.filter((line) => line.service === 'github-actions');
  if (lines.length === 0) return [];
  const minutes = lines.reduce((sum, line) => sum + line.quantity, 0);
  return [
    {
      schemaVersion: USAGE_SCHEMA_VERSION,
      runId: step.runId,
      action: 'check-budget',
      shard: 'all',
      service: 'github-actions',
      unit: 'minute',
      quantity: minutes,
      recordedAt: recordedAt.toISOString(),
    },
  ];
}

async function carryLedger(step: BudgetStepStats, folder: string): Promise<string[]> {
  if (step.stage !== 'record' || !step.ledgerFile || !existsSync(step.ledgerFile)) return [];
  await mkdir(folder, { recursive: true });
  await copyFile(step.ledgerFile, join(folder, LEDGER_ARTIFACT_FILE));
  return [LEDGER_ARTIFACT_FILE];
}

/**
 * Writes the step's stage folder (measured minutes as `usage` data, its `run-stats` beside them,
 * and at the record stage a file ledger as `budget-ledger.jsonl`) and uploads it as
 * `budget-<stage>` when a client is given. A failed upload is a warning: the ledger, which
 * matters, is already written. Returns the artifact name, or null.
 */
export async function publishBudgetStage(
  step: BudgetStepStats,
  dir: string,
  client: ArtifactClient | null,
  logger: Logger,
): Promise<string | null> {
  const folder = join(dir, `budget-${step.stage}`);
  await rm(folder, { recursive: true, force: true });
  const finished = new Date(step.startedAt.getTime() + step.durationMs);
  await writeStageOutput(
    folder,
    {
      runId: step.runId,
      stage: 'check-budget',
      shard: step.stage,
      recordType: 'usage',
      recordSchemaVersion: USAGE_SCHEMA_VERSION,
    },
    measuredMinutes(step, finished),
    { records: { 'run-stats': [budgetRunStats(step)] }, files: await carryLedger(step, folder) },
  );
  if (!client) {
    logger.info(`stage folder written to ${folder} (no artifact service: not uploaded)`);
    return null;
  }
  try {
    await uploadStage(client, `budget-${step.stage}`, folder, logger, { retentionDays: 7 });
    return `budget-${step.stage}`;
  } catch (error) {
    logger.warning(`artifact 'budget-${step.stage}' not uploaded: ${errorMessage(error)}`);
    return null;
  }
}
