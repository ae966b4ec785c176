import { z } from 'zod';
import { runAction, type ActionDefinition } from '../../../shared/action.js';
import { connectDatabase, type DatabaseConnection } from '../../../shared/db/connect.js';
import { ENV, readEnv } from '../../../shared/env.js';
import { ConfigurationError } from '../../../shared/errors.js';
import { dryRunInput, integerInput, listInput, mongodbUriInput } from '../../../shared/inputs.js';
import { withGroup, type Logger } from '../../../shared/logger.js';
import { textOpener } from '../../../shared/crypto/sealed-text.js';
import { passphraseInput } from '../../../shared/privacy/visibility.js';
import { readRunContext } from '../../../shared/run-context.js';
import { loadStages } from './load-stages.js';
import { recordOwnRun } from './own-run.js';
import { storeStages, type StoreResult } from './store.js';
import { storeSummary } from './summary.js';
import { databaseInput } from '../../../shared/db/database-input.js';

/** Inputs of store-mongo. */
export const storeMongoInputs = z.object({
  /** Connection string; required unless `dry-run`. */
  mongodbUri: mongodbUriInput,
  /** Database; empty: the connection string's, else `phx_property` (see `resolveDatabase`). */
  database: databaseInput,
  /** Stage artifacts to store (names; folder paths outside a runner). */
  inputArtifacts: listInput(z.string().min(1), { min: 1 }),
  /** Properties read and merged together. */
  batchSize: integerInput({ default: 500, min: 1, max: 5000 }),
  /** Passphrase (a secret) that opens the owner fields collect-county sealed in a public repository. */
  artifactPassphrase: passphraseInput,
  dryRun: dryRunInput,
});
type StoreInputs = z.output<typeof storeMongoInputs>;

async function execute(inputs: StoreInputs, logger: Logger): Promise<StoreResult> {
  const context = readRunContext();
  const startedAt = new Date();
  if (inputs.mongodbUri === '' && !inputs.dryRun)
    throw new ConfigurationError("input 'mongodb-uri' is required unless dry-run is true");
  let connection: DatabaseConnection | undefined;
  // Connect before reading anything: an unreachable database fails the step with nothing touched.
  if (inputs.mongodbUri !== '')
    connection = await withGroup(logger, 'Connect', () =>
      connectDatabase(inputs.mongodbUri, inputs.database, { monitorCommands: true }),
    );
  try {
    let commands = 0;
    connection?.client.on('commandStarted', () => (commands += 1));
    const artifacts = readEnv(ENV.actionsRuntimeToken) !== undefined;
    const stages = await withGroup(logger, 'Read input artifacts', () =>
      loadStages(
        inputs.inputArtifacts,
        { artifacts, baseDir: artifacts ? context.tempDir : context.workspace },
        logger,
      ),
    );
    const result = await storeStages({
      db: connection?.db,
      stages,
      runId: context.runId,
      batchSize: inputs.batchSize,
      dryRun: inputs.dryRun,
      logger,
      opener: inputs.artifactPassphrase
        ? textOpener(inputs.artifactPassphrase, 'artifact-passphrase')
        : null,
    });
    if (connection && !inputs.dryRun)
      await recordOwnRun(connection.db, { context, stages, result, startedAt, commands });
    return result;
  } finally {
    await connection?.close();
  }
}

/** The store-mongo action: merges stage artifacts into MongoDB. */
export const action: ActionDefinition<typeof storeMongoInputs, StoreResult> = {
  name: 'store-mongo',
  inputs: storeMongoInputs,
  secrets: ['mongodbUri', 'artifactPassphrase'],
  execute,
  outputs: (result) => ({
    inserted: result.inserted,
    updated: result.updated,
    unchanged: result.unchanged,
    'price-changes': result.priceChanges,
    'linked-listings': result.linkedListings,
    conflicts: result.conflicts,
    integrity: result.integrity,
    quality: result.quality,
  }),
  failureOutputs: {
    inserted: 0,
    updated: 0,
    unchanged: 0,
    'price-changes': 0,
    'linked-listings': 0,
    conflicts: 0,
    integrity: 'failed: the step failed before checking',
    quality: {},
  },
  summary: storeSummary,
  failure: (result) =>
    result.integrity === 'ok' ? undefined : `integrity check ${result.integrity}`,
};

/** Entry point: runs the action against the runner. */
export const run = (): Promise<StoreResult | undefined> => runAction(action);
