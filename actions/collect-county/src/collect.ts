import type { ArtifactClient } from '@actions/artifact';
import { join } from 'node:path';
import { redactUrl } from '../../../shared/http/redact.js';
import type { Logger } from '../../../shared/logger.js';
import { chooseResume } from '../../../shared/resume-from.js';
import { artifactPrivacy } from '../../../shared/privacy/artifact-privacy.js';
import { readRunContext } from '../../../shared/run-context.js';
import { Checkpoint } from './checkpoint.js';
import { CountyApi, type CountyApiOptions } from './county-api.js';
import { collectShard } from './collect-shard.js';
import type { CollectCountyInputs } from './inputs.js';
import { openPriorityDatabase } from './priority-database.js';
import { shardRate } from './refresh-plan.js';
import { importPreviousRuns, type ResumeSource } from './resume.js';
import type { ShardResult } from './shard-result.js';
import { type Sleep } from './stop.js';
import { withCollectionStop } from '../../../shared/collection-stop.js';

/** What collect-county needs from outside: the artifact client (null outside a runner), tuning for tests. */
export interface CollectDependencies {
  logger: Logger;
  artifactClient: ArtifactClient | null;
  env?: NodeJS.ProcessEnv;
  /** Overrides of the API client's timeouts and backoff (tests). */
  api?: Pick<CountyApiOptions, 'timeoutMs' | 'retryBaseDelayMs' | 'circuitOpenMs'>;
  /** Aborted when the runner asks the step to stop (SIGINT, SIGTERM): stop, save, upload. */
  stop?: AbortSignal;
  /** The clock `time-budget-minutes` runs on; tests run it faster. Default: real timers. */
  sleep?: Sleep;
}

/** The whole run over every ZIP. */
export interface CollectResult {
  shards: ShardResult[];
  mode: CollectCountyInputs['mode'];
  dryRun: boolean;
  /** Artifact prefix when artifacts were uploaded, else ''. */
  artifactName: string;
  /** Folder holding the stage folders (`<artifact-name>-<zip>`). */
  outDir: string;
  /** The county API's base URL, secrets redacted, for messages. */
  source: string;
  /** The `max-failure-rate` policy the run is judged by. */
  maxFailureRate: number;
}

/**
 * Collects county parcels for every ZIP of `inputs`, one shard after another, each into its own
 * checkpoint and stage folder, uploaded as `<artifact-name>-<zip>` unless `dry-run` or outside a
 * runner (then the folders stay under RUNNER_TEMP/out). When `time-budget-minutes` is spent or
 * `deps.stop` aborts, no more parcels are taken and every ZIP is published with what it has.
 */
export async function collectCounty(
  inputs: CollectCountyInputs,
  deps: CollectDependencies,
): Promise<CollectResult> {
  // Counted from here: the step's own start (checkout before it) is a few seconds earlier.
  return withCollectionStop(
    {
      minutes: inputs.timeBudgetMinutes,
      runner: deps.stop,
      sleep: deps.sleep,
      logger: deps.logger,
      then: 'no new parcels, and what was collected is uploaded',
    },
    (stop) => collectZips(inputs, deps, stop),
  );
}

async function collectZips(
  inputs: CollectCountyInputs,
  deps: CollectDependencies,
  stop: AbortSignal,
): Promise<CollectResult> {
  const { logger } = deps;
  const run = readRunContext(deps.env);
  const workRoot = join(run.tempDir, 'collect-county', run.runId);
  const client = inputs.dryRun ? null : deps.artifactClient;
  const outDir = client ? join(workRoot, 'stage') : join(run.tempDir, 'out');
  const api = new CountyApi({
    baseUrl: inputs.apiBaseUrl,
    token: inputs.apiToken,
    requestsPerHour: shardRate(inputs),
    logger,
    ...deps.api,
  });
  const checkpoints = new Map<string, Checkpoint>();
  for (const zip of inputs.zipCodes) {
    checkpoints.set(
      zip,
      await Checkpoint.open(join(workRoot, `${inputs.artifactName}-${zip}`, 'checkpoint.ndjson')),
    );
  }
  const resume = chooseResume({
    resumeFrom: inputs.resumeFrom,
    artifactName: inputs.artifactName,
    runAttempt: run.runAttempt,
    canDownload: client !== null,
    logger,
  });
  if (resume !== null) {
    const source: ResumeSource = deps.artifactClient
      ? {
          kind: 'artifact',
          client: deps.artifactClient,
          name: resume.name,
          downloadDir: join(workRoot, 'resume'),
        }
      : { kind: 'folder', dir: join(run.tempDir, 'out'), name: resume.name };
    await importPreviousRuns(source, checkpoints, logger, { required: resume.required });
  }
  const privacy = await artifactPrivacy(
    { ...inputs, passphrase: inputs.artifactPassphrase, passphraseInput: 'artifact-passphrase' },
    logger,
  );
  const publish = { client, retentionDays: inputs.retentionDays, privacy };
  const database = await openPriorityDatabase(inputs, logger);
  const shards: ShardResult[] = [];
  try {
    for (const [zip, checkpoint] of checkpoints) {
      const name = `${inputs.artifactName}-${zip}`;
      shards.push(
        await collectShard(zip, {
          api,
          db: database.db,
          inputs,
          runId: run.runId,
          checkpoint,
          logger,
          target: { dir: join(outDir, name), artifactName: name, ...publish },
          stop,
        }),
      );
    }
  } finally {
    await api.close();
    await database.close();
    for (const checkpoint of checkpoints.values()) await checkpoint.close();
  }
  if (!client)
    logger.info(
      `stage folders are in ${outDir}${inputs.dryRun ? ' (dry run: nothing uploaded)' : ''}`,
    );
  return {
    shards,
    mode: inputs.mode,
    dryRun: inputs.dryRun,
    artifactName: client ? inputs.artifactName : '',
    outDir,
    source: redactUrl(inputs.apiBaseUrl),
    maxFailureRate: inputs.maxFailureRate,
  };
}
