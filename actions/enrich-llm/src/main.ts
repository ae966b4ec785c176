import { join } from 'node:path';
import { runAction, type ActionDefinition } from '../../../shared/action.js';
import { NonRetryableError } from '../../../shared/errors.js';
import { withGroup, type Logger } from '../../../shared/logger.js';
import { readRunContext } from '../../../shared/run-context.js';
import { runnerStopSignal } from '../../../shared/stop-signal.js';
import { enrichSubjects, type EnrichOutcome } from './enrich.js';
import { enrichInputsSchema, type EnrichInputs } from './inputs.js';
import { OllamaGateway } from './ollama.js';
import { loadStageInputs } from './stage-inputs.js';
import {
  enrichRunStats,
  enrichUsage,
  outputTokensPerProperty,
  writeEnrichmentStage,
} from './stage-output.js';
import { enrichStop, type Sleep } from './stop.js';
import { loadCarried, openStores, saveCarried } from './stores.js';
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

/** What the action gets from outside: the runner's stop signal, and the budget's clock in tests. */
export interface EnrichOutside {
  stop?: AbortSignal;
  sleep?: Sleep;
}

async function execute(
  inputs: EnrichInputs,
  logger: Logger,
  outside: EnrichOutside,
): Promise<EnrichResult> {
  const context = readRunContext();
  const startedAt = new Date();
  // Counted from here: the step's own start (and Ollama's before it) is a little earlier.
  const stop = enrichStop({
    minutes: inputs.timeBudgetMinutes,
    runner: outside.stop,
    sleep: outside.sleep,
  });
  if (inputs.timeBudgetMinutes > 0) {
    logger.info(
      `time budget: ${inputs.timeBudgetMinutes} min; then no new batch, and what is left is carried to the next night`,
    );
  }
  const model = fullModelName(inputs.model);
  let outcome: EnrichOutcome;
  let counts: SubjectCounts;
  try {
    const loaded = await withGroup(logger, 'Read input stages', () =>
      loadStageInputs(inputs.inputArtifacts, context.tempDir, logger),
    );
    const built = buildSubjects(loaded.parcels, loaded.listings);
    counts = built.counts;
    const stores = await openStores(inputs, loaded.enrichments, logger);
    try {
      const carried = await loadCarried(stores.carriedStore, loaded.carried, logger);
      outcome = await withGroup(logger, `Extract with ${model}`, () =>
        enrichSubjects(built.subjects, {
          model,
          fallback: inputs.fallback,
          enabled: inputs.enabled,
          caches: stores.caches,
          dryRun: inputs.dryRun,
          carried,
          logger,
          llm: {
            gateway: new OllamaGateway(inputs.ollamaHost),
            numCtx: inputs.numCtx,
            batchSize: inputs.batchSize,
            concurrency: inputs.concurrency,
            timeoutPerItemMs: inputs.timeoutSeconds * 1000,
            stop: stop.signal,
            abandon: stop.abandon,
          },
        }),
      );
      if (!inputs.dryRun && inputs.enabled) await saveCarried(stores.carriedStore, outcome, logger);
    } finally {
      await stores.close();
    }
  } finally {
    stop.dispose();
  }
  const dir = join(context.tempDir, 'enrich-llm', inputs.artifactName);
  const written = await withGroup(logger, 'Write enrichment stage', () => {
    const runStats = enrichRunStats(context.runId, startedAt, counts, outcome);
    const usage = enrichUsage(context.runId, outcome);
    const options = { logger, retentionDays: inputs.retentionDays };
    return writeEnrichmentStage(dir, inputs.artifactName, { runStats, usage, outcome }, options);
  });
  if (outcome.failure) {
    const where = written.artifactName ? `artifact '${written.artifactName}'` : written.dir;
    throw new NonRetryableError(
      `${outcome.failure}; the ${outcome.records.length} properties enriched are in ${where}`,
    );
  }
  return { model, fallback: inputs.fallback, subjects: counts, outcome, ...written };
}

/**
 * The enrich-llm action: listing text and parcel facts in, `enrichment` records out. `outside` is
 * the runner's stop signal and the budget's clock (tests give their own).
 */
export function createEnrichAction(
  outside: EnrichOutside = {},
): ActionDefinition<typeof enrichInputsSchema, EnrichResult> {
  return {
    name: 'enrich-llm',
    inputs: enrichInputsSchema,
    secrets: ['mongodbUri'],
    execute: (inputs, logger) => execute(inputs, logger, outside),
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
      complete: outcome.carried.length === 0,
      carried: outcome.carried.length,
      'output-tokens-per-property': outputTokensPerProperty(outcome),
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
      complete: false,
      carried: 0,
      'output-tokens-per-property': 0,
    },
    summary: enrichSummary,
  };
}

/** The action with no stop signal and real timers (the drift test and in-process tests). */
export const action = createEnrichAction();

/**
 * Entry point: runs the action against the runner. SIGINT or SIGTERM from the runner (a timeout,
 * a cancellation) stops sending batches; what was enriched is uploaded, the rest carried.
 */
export const run = () => runAction(createEnrichAction({ stop: runnerStopSignal() }));
