import type { ArtifactClient } from '@actions/artifact';
import type { Db } from 'mongodb';
import { join } from 'node:path';
import { connectDatabase } from '../../../shared/db/connect.js';
import { describeDatabase } from '../../../shared/db/database-name.js';
import { ConfigurationError, errorMessage } from '../../../shared/errors.js';
import { redactUrl } from '../../../shared/http/redact.js';
import { withGroup, type Logger } from '../../../shared/logger.js';
import { readRunContext } from '../../../shared/run-context.js';
import { Checkpoint } from './checkpoint.js';
import { CountyApi, type CountyApiOptions } from './county-api.js';
import { collectShard } from './collect-shard.js';
import type { CollectCountyInputs } from './inputs.js';
import { importPreviousRun, type ResumeSource } from './resume.js';
import type { ShardResult } from './shard-result.js';

/** What collect-county needs from outside: the artifact client (null outside a runner), tuning for tests. */
export interface CollectDependencies {
  logger: Logger;
  artifactClient: ArtifactClient | null;
  env?: NodeJS.ProcessEnv;
  /** Overrides of the API client's timeouts and backoff (tests). */
  api?: Pick<CountyApiOptions, 'timeoutMs' | 'retryBaseDelayMs' | 'circuitOpenMs'>;
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

async function openDatabase(
  inputs: CollectCountyInputs,
  logger: Logger,
): Promise<{ db: Db | null; close: () => Promise<void> }> {
  if (inputs.mongodbUri === '' || inputs.mode !== 'incremental') {
    if (inputs.mode === 'incremental') logger.info('incremental without mongodb-uri: search order');
    return { db: null, close: () => Promise.resolve() };
  }
  try {
    const connection = await connectDatabase(inputs.mongodbUri, inputs.database);
    logger.info(`incremental priorities from database ${describeDatabase(connection.database)}`);
    return connection;
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    // Priorities only order the work; without them the run still collects, in search order.
    logger.warning(
      `mongodb-uri: cannot read properties (${errorMessage(error)}); collecting in search order`,
    );
    return { db: null, close: () => Promise.resolve() };
  }
}

/**
 * Collects county parcels for every ZIP of `inputs`, one shard after another, each into its own
 * checkpoint and stage folder, uploaded as `<artifact-name>-<zip>` unless `dry-run` or outside a
 * runner (then the folders stay under RUNNER_TEMP/out).
 */
export async function collectCounty(
  inputs: CollectCountyInputs,
  deps: CollectDependencies,
): Promise<CollectResult> {
  const { logger } = deps;
  const run = readRunContext(deps.env);
  const workRoot = join(run.tempDir, 'collect-county', run.runId);
  const client = inputs.dryRun ? null : deps.artifactClient;
  const outDir = client ? join(workRoot, 'stage') : join(run.tempDir, 'out');
  const api = new CountyApi({
    baseUrl: inputs.apiBaseUrl,
    token: inputs.apiToken,
    requestsPerHour: inputs.requestsPerHour,
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
  if (inputs.resumeFrom !== '') {
    const source: ResumeSource = deps.artifactClient
      ? {
          kind: 'artifact',
          client: deps.artifactClient,
          name: inputs.resumeFrom,
          downloadDir: join(workRoot, 'resume'),
        }
      : { kind: 'folder', dir: join(run.tempDir, 'out'), name: inputs.resumeFrom };
    const found = await withGroup(logger, `resume from ${inputs.resumeFrom}`, async () => {
      let shards = 0;
      for (const [zip, checkpoint] of checkpoints) {
        const added = await importPreviousRun(source, zip, checkpoint, logger);
        if (added === null)
          logger.warning(
            `resume-from: no output '${inputs.resumeFrom}-${zip}'; collecting ${zip} from the start`,
          );
        else shards += 1;
      }
      return shards;
    });
    if (found === 0) {
      throw new ConfigurationError(
        `input 'resume-from': expected the artifact-name of a previous run, but no '${inputs.resumeFrom}-<zip>' output exists for ${inputs.zipCodes.join(', ')}`,
      );
    }
  }
  const database = await openDatabase(inputs, logger);
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
          target: { dir: join(outDir, name), artifactName: name, client },
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
