import type { ArtifactClient } from '@actions/artifact';
import { errorMessage } from '../../../shared/errors.js';
import { uploadStage } from '../../../shared/io/artifact.js';
import { writeStageOutput } from '../../../shared/io/stage-output.js';
import type { Logger } from '../../../shared/logger.js';
import {
  ERROR_CLASSES,
  RUN_STATS_SCHEMA_VERSION,
  type ErrorClass,
  type RunStats,
} from '../../../shared/model/run-stats.js';
import { USAGE_SCHEMA_VERSION, type Usage } from '../../../shared/model/usage.js';

/** What the step did, for its run-stats and usage records. */
export interface ReportStep {
  runId: string;
  kind: string;
  startedAt: Date;
  /** Pipeline runs the report covers. */
  runsReported: number;
  charts: number;
  recipients: number;
  /** SMTP tries made; 0 when nothing was sent. */
  sendAttempts: number;
  sent: boolean;
  /** Class of the delivery failure, when it failed. */
  failure: ErrorClass | undefined;
}

function runStats(step: ReportStep, finishedAt: Date): RunStats {
  const errorsByClass = Object.fromEntries(
    ERROR_CLASSES.map((name) => [name, 0]),
  ) as RunStats['errorsByClass'];
  if (step.failure) errorsByClass[step.failure] = 1;
  return {
    schemaVersion: RUN_STATS_SCHEMA_VERSION,
    runId: step.runId,
    action: 'send-report',
    shard: step.kind,
    startedAt: step.startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - step.startedAt.getTime(),
    counts: {
      'runs-reported': step.runsReported,
      charts: step.charts,
      recipients: step.recipients,
      'messages-sent': step.sent ? 1 : 0,
      'send-attempts': step.sendAttempts,
    },
    errorsByClass,
    retries: Math.max(0, step.sendAttempts - 1),
    outcome: step.failure ? 'failure' : 'success',
  };
}

/**
 * Makes the report folder a stage folder (the email sent as `usage`, the step's `run-stats`, the
 * report files listed in the manifest) and uploads it as `report-<kind>` when a client is given.
 * A failed upload is a warning: the files are on disk. Returns the artifact name, or ''.
 */
export async function publishReport(
  dir: string,
  step: ReportStep,
  files: string[],
  client: ArtifactClient | null,
  logger: Logger,
): Promise<string> {
  const finishedAt = new Date(Math.max(Date.now(), step.startedAt.getTime()));
  const usage: Usage[] = step.sent
    ? [
        {
          schemaVersion: USAGE_SCHEMA_VERSION,
          runId: step.runId,
          action: 'send-report',
          shard: step.kind,
          service: 'email',
          unit: 'message',
          quantity: 1,
          recordedAt: finishedAt.toISOString(),
        },
      ]
    : [];
  await writeStageOutput(
    dir,
    {
      runId: step.runId,
      stage: 'send-report',
      shard: step.kind,
      recordType: 'usage',
      recordSchemaVersion: USAGE_SCHEMA_VERSION,
    },
    usage,
    { records: { 'run-stats': [runStats(step, finishedAt)] }, files },
  );
  if (!client) return '';
  const name = `report-${step.kind}`;
  try {
    await uploadStage(client, name, dir, logger, { retentionDays: 7 });
    return name;
  } catch (error) {
    logger.warning(`artifact '${name}' not uploaded: ${errorMessage(error)}`);
    return '';
  }
}
