import { errorMessage } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/logger.js';
import {
  ENRICHMENT_SCHEMA_VERSION,
  enrichmentSchema,
  type Enrichment,
} from '../../../shared/model/enrichment.js';
import type { CachedExtraction, ExtractionCache } from './cache.js';
import type { Fallback } from './inputs.js';
import type { LlmStats } from './llm-extractor.js';
import { closedGatePhase, runLlmPhase, type LlmPhaseOptions } from './llm-phase.js';
import { extractByRules } from './rules-extractor.js';
import { inputSha256, type Subject } from './subjects.js';

/** How to enrich. */
export interface EnrichSettings {
  /** Full model name, `llama3.2:latest`. */
  model: string;
  fallback: Fallback;
  /** The budget gate: false sends every cache miss to the rules extractor without calling the model. */
  enabled: boolean;
  /** Caches to read, in order; written too unless `dryRun`. */
  caches: readonly ExtractionCache[];
  dryRun: boolean;
  llm: Omit<LlmPhaseOptions, 'caches' | 'model' | 'logger'>;
  logger: Logger;
}

/** What enrichment produced. */
export interface EnrichOutcome {
  /** One record per subject that got one, in subject order. */
  records: Enrichment[];
  cacheHits: number;
  llmExtracted: number;
  rulesExtracted: number;
  /** Subjects left without a record (`fallback: skip`). */
  skipped: number;
  /** Subjects the fallback handled instead of the model, for any reason. */
  fallbackCount: number;
  /** Subjects whose reply stayed invalid after the retry. */
  invalid: number;
  /** The model failed for some subjects and the fallback stood in: the run is degraded. */
  degraded: boolean;
  /** The budget gate was closed (`enabled: false`). */
  gated: boolean;
  /** Why the model could not be used at all, if so. */
  unavailable: string | undefined;
  stats: LlmStats;
  /** A few `key: reason` lines for the summary. */
  failureSamples: string[];
  /** Set with `fallback: fail` when the model failed for some subjects: the step must fail. */
  failure: string | undefined;
}

async function lookupCaches(caches: readonly ExtractionCache[], keys: string[], logger: Logger) {
  const hits = new Map<string, CachedExtraction>();
  for (const cache of caches) {
    const wanted = keys.filter((key) => !hits.has(key));
    if (wanted.length === 0) break;
    try {
      for (const [key, entry] of await cache.lookup(wanted)) hits.set(key, entry);
    } catch (error) {
      logger.warning(
        `cache ${cache.name}: lookup failed, extracting without it: ${errorMessage(error)}`,
      );
    }
  }
  return hits;
}

function record(subject: Subject, entry: CachedExtraction | undefined, now: Date): Enrichment {
  const rules = entry === undefined ? extractByRules(subject.input, now) : undefined;
  return enrichmentSchema.parse({
    schemaVersion: ENRICHMENT_SCHEMA_VERSION,
    key: subject.key,
    fields: entry?.fields ?? rules?.fields,
    fieldConfidence: entry?.fieldConfidence ?? rules?.fieldConfidence,
    method: entry ? 'llm' : 'rules',
    model: entry?.model ?? null,
    confidence: entry?.confidence ?? rules?.confidence,
    extractedAt: entry?.extractedAt ?? now.toISOString(),
    inputSha256: entry?.inputSha256 ?? inputSha256('rules', subject),
  });
}

/**
 * Enriches `subjects`: cache first, then the model in batches, then the fallback for whatever the
 * model could not do: `rules`, `skip`, or `fail` (those subjects get no record and `failure` says
 * why, so that the caller can keep the model's work before failing the step).
 */
export async function enrichSubjects(
  subjects: readonly Subject[],
  settings: EnrichSettings,
): Promise<EnrichOutcome> {
  const { logger, model } = settings;
  const keys = new Map(subjects.map((subject) => [subject.key, inputSha256(model, subject)]));
  // Cached answers cost nothing, so they are used even when the budget gate is closed.
  const hits = await lookupCaches(settings.caches, [...keys.values()], logger);
  const misses = subjects.filter((subject) => !hits.has(keys.get(subject.key) ?? ''));
  logger.info(
    `${subjects.length} properties: ${subjects.length - misses.length} cached, ${misses.length} to extract`,
  );
  const phase = settings.enabled
    ? await runLlmPhase(misses, keys, {
        ...settings.llm,
        model,
        logger,
        caches: settings.dryRun ? [] : settings.caches,
      })
    : closedGatePhase(misses);
  if (phase.unavailable) logger.warning(`model unavailable: ${phase.unavailable}`);
  const failureSamples = [...phase.failed].slice(0, 5).map(([key, reason]) => `${key}: ${reason}`);
  const failing = settings.enabled && settings.fallback === 'fail' && phase.failed.size > 0;
  const failure = failing
    ? `${phase.failed.size} of ${subjects.length} properties could not be enriched by ${model} and fallback is 'fail' (first: ${failureSamples[0]})`
    : undefined;
  const now = new Date();
  const records: Enrichment[] = [];
  let rulesExtracted = 0;
  for (const subject of subjects) {
    const entry = hits.get(keys.get(subject.key) ?? '') ?? phase.extracted.get(subject.key);
    if (entry === undefined && (settings.fallback === 'skip' || failing)) continue;
    if (entry === undefined) rulesExtracted += 1;
    records.push(record(subject, entry, now));
  }
  return {
    records,
    cacheHits: subjects.length - misses.length,
    llmExtracted: phase.extracted.size,
    rulesExtracted,
    skipped: subjects.length - records.length,
    fallbackCount: phase.failed.size,
    invalid: phase.invalid,
    degraded: settings.enabled && phase.failed.size > 0,
    gated: !settings.enabled,
    unavailable: phase.unavailable,
    stats: phase.stats,
    failureSamples: settings.enabled ? failureSamples : [],
    failure,
  };
}
