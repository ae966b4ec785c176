import { join } from 'node:path';
import { runAction, type ActionDefinition } from '../../../shared/action.js';
import { connectDatabase, type DatabaseConnection } from '../../../shared/db/connect.js';
import { ConfigurationError, NonRetryableError, errorMessage } from '../../../shared/errors.js';
import { withGroup, type Logger } from '../../../shared/logger.js';
import { readRunContext } from '../../../shared/run-context.js';
import { ArtifactExtractionCache, MongoExtractionCache, type ExtractionCache } from './cache.js';
import { enrichSubjects, type EnrichOutcome } from './enrich.js';
import { enrichInputsSchema, type EnrichInputs } from './inputs.js';
import { OllamaGateway } from './ollama.js';
import { loadStageInputs } from './stage-inputs.js';
import { enrichRunStats, enrichUsage, writeEnrichmentStage } from './stage-output.js';
import { buildSubjects, fullModelName, type SubjectCounts } from './subjects.js';
import { enrichSummary } from './summary.js';

/** What one run of enrich-llm did. */
export interface EnrichResult {
  model: string;
  fallback: string;
  subjects: SubjectCounts;
  outcome: EnrichOutcome;
  artifactName: string;
  dir: string;
}

async function openCaches(
  inputs: EnrichInputs,
  earlier: ConstructorParameters<typeof ArtifactExtractionCache>[0],
  logger: Logger,
) {
  const caches: ExtractionCache[] = [new ArtifactExtractionCache(earlier)];
  let connection: DatabaseConnection | undefined;
  if (inputs.mongodbUri !== '') {
    try {
      connection = await connectDatabase(inputs.mongodbUri, inputs.database);
      caches.push(new MongoExtractionCache(connection.db));
    } catch (error) {
      if (error instanceof ConfigurationError) throw error;
      logger.warning(`cache: ${errorMessage(error)}; going on without the MongoDB cache`);
    }
  }
  return { caches, close: () => connection?.close() ?? Promise.resolve() };
}

async function execute(inputs: EnrichInputs, logger: Logger): Promise<EnrichResult> {
  const context = readRunContext();
  const startedAt = new Date();
  const model = fullModelName(inputs.model);
  const loaded = await withGroup(logger, 'Read input stages', () =>
    loadStageInputs(inputs.inputArtifacts, context.tempDir, logger),
  );
  const { subjects, counts } = buildSubjects(loaded.parcels, loaded.listings);
  const { caches, close } = inputs.cache
    ? await openCaches(inputs, loaded.enrichments, logger)
    : { caches: [], close: () => Promise.resolve() };
  let outcome: EnrichOutcome;
  try {
    outcome = await withGroup(logger, `Extract with ${model}`, () =>
      enrichSubjects(subjects, {
        model,
        fallback: inputs.fallback,
        enabled: inputs.enabled,
        caches,
        dryRun: inputs.dryRun,
        logger,
        llm: {
          gateway: new OllamaGateway(inputs.ollamaHost),
          numCtx: inputs.numCtx,
          batchSize: inputs.batchSize,
          concurrency: inputs.concurrency,
          timeoutPerItemMs: inputs.timeoutSeconds * 1000,
        },
      }),
    );
  } finally {
    await close();
  }
  const dir = join(context.tempDir, 'enrich-llm', inputs.artifactName);
  const written = await withGroup(logger, 'Write enrichment stage', () => {
    const runStats = enrichRunStats(context.runId, startedAt, counts, outcome);
    const usage = enrichUsage(context.runId, outcome);
    return writeEnrichmentStage(dir, inputs.artifactName, { runStats, usage, outcome }, { logger });
  });
  if (outcome.failure) {
    const where = written.artifactName ? `artifact '${written.artifactName}'` : written.dir;
    throw new NonRetryableError(
      `${outcome.failure}; the ${outcome.records.length} properties enriched are in ${where}`,
    );
  }
  return { model, fallback: inputs.fallback, subjects: counts, outcome, ...written };
}

/** The enrich-llm action: listing text and parcel facts in, `enrichment` records out. */
export const action: ActionDefinition<typeof enrichInputsSchema, EnrichResult> = {
  name: 'enrich-llm',
  inputs: enrichInputsSchema,
  secrets: ['mongodbUri'],
  execute,
  outputs: ({ outcome, artifactName, dir }) => ({
    enriched: outcome.records.length,
    'llm-calls': outcome.stats.calls,
    'fallback-count': outcome.fallbackCount,
    invalid: outcome.invalid,
    'cache-hits': outcome.cacheHits,
    'tokens-in': outcome.stats.tokensIn,
    'tokens-out': outcome.stats.tokensOut,
    'artifact-name': artifactName,
    degraded: outcome.degraded,
    'output-dir': dir,
  }),
  failureOutputs: {
    enriched: 0,
    'llm-calls': 0,
    'fallback-count': 0,
    invalid: 0,
    'cache-hits': 0,
    'tokens-in': 0,
    'tokens-out': 0,
    'artifact-name': '',
    degraded: false,
    'output-dir': '',
  },
  summary: enrichSummary,
};

/** Entry point: runs the action against the runner. */
export const run = () => runAction(action);
