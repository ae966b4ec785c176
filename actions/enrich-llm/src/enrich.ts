import type { Logger } from '../../../shared/logger.js';
import {
  ENRICHMENT_SCHEMA_VERSION,
  enrichmentSchema,
  type Enrichment,
} from '../../../shared/model/enrichment.js';
import type { CachedExtraction, ExtractionCache } from './cache.js';
import type { CarriedSubject } from './carried.js';
import type { Fallback } from './inputs.js';
import type { LlmStats } from './llm-extractor.js';
import { closedGatePhase, runLlmPhase, type LlmPhaseOptions } from './llm-phase.js';
import { planExtraction } from './plan.js';
import type { Tier } from './priority.js';
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
  /** Properties earlier nights carried: sent to the model first. */
  carried: readonly CarriedSubject[];
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
  /** Subjects the fallback handled because the model's call timed out. */
  timedOut: number;
  /** Subjects left for the next night (no record): the time budget or the runner stopped the work. */
  carried: CarriedSubject[];
  /**
   * Keys of earlier nights' carried subjects the model has now read (a record from it or the cache,
   * or a reply still invalid after the retry): forget them. One that fell back for a timeout or an
   * unreachable model keeps waiting in the database, its rules record a stand-in.
   */
  carriedDone: string[];
  /** Carried subjects of earlier nights taken up tonight. */
  carriedIn: number;
  /** Why the work stopped early, if it did. */
  stopped: string | undefined;
  /** Subjects sent towards the model, by why (see `orderByValue`). */
  tiers: Record<Tier, number>;
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
 * Enriches `subjects` and the properties earlier nights carried: cache first, then the model in
 * batches, most valuable first (carried, new, changed, refreshed), then the fallback for whatever
 * the model could not do: `rules`, `skip`, or `fail` (those subjects get no record and `failure`
 * says why, so that the caller can keep the model's work before failing the step). What the model
 * did not get to before the stop is carried: no record, kept for the next night.
 */
export async function enrichSubjects(
  tonight: readonly Subject[],
  settings: EnrichSettings,
): Promise<EnrichOutcome> {
  const { logger, model } = settings;
  // A closed budget gate leaves earlier nights' carried properties waiting (listed again, no record).
  const carriedIn = settings.enabled ? settings.carried : [];
  const plan = await planExtraction(tonight, carriedIn, settings);
  const { subjects, keys, hits, since, tiers } = plan;
  const ordered = plan.queue;
  const phase = settings.enabled
    ? await runLlmPhase(ordered, keys, {
        ...settings.llm,
        model,
        logger,
        caches: settings.dryRun ? [] : settings.caches,
      })
    : closedGatePhase(ordered);
  if (phase.unavailable) logger.warning(`model unavailable: ${phase.unavailable}`);
  if (phase.timedOut > 0) {
    logger.warning(
      `${phase.timedOut} properties went to the '${settings.fallback}' fallback because the model's call timed out: ` +
        'the model generates too slowly for the batch (lower batch-size, or raise timeout-seconds)',
    );
  }
  const now = new Date();
  const carriedKeys = new Set(phase.carried.map((subject) => subject.key));
  const carried: CarriedSubject[] = settings.enabled
    ? phase.carried.map((subject) => ({
        key: subject.key,
        input: subject.input,
        since: since.get(subject.key) ?? now.toISOString(),
      }))
    : [...settings.carried];
  const read = (key: string) =>
    hits.has(keys.get(key) ?? '') || phase.extracted.has(key) || phase.invalidKeys.has(key);
  if (!settings.enabled && carried.length > 0) {
    logger.info(
      `budget gate closed: ${carried.length} properties carried from earlier nights keep waiting`,
    );
  }
  if (phase.stopped) {
    logger.warning(
      `${phase.stopped}: ${carried.length} properties carried to the next night, no batch sent for them`,
    );
  }
  const failureSamples = [...phase.failed].slice(0, 5).map(([key, reason]) => `${key}: ${reason}`);
  const failing = settings.enabled && settings.fallback === 'fail' && phase.failed.size > 0;
  const failure = failing
    ? `${phase.failed.size} of ${subjects.length} properties could not be enriched by ${model} and fallback is 'fail' (first: ${failureSamples[0]})`
    : undefined;
  const records: Enrichment[] = [];
  let rulesExtracted = 0;
  for (const subject of subjects) {
    if (carriedKeys.has(subject.key)) continue;
    const entry = hits.get(keys.get(subject.key) ?? '') ?? phase.extracted.get(subject.key);
    if (entry === undefined && (settings.fallback === 'skip' || failing)) continue;
    if (entry === undefined) rulesExtracted += 1;
    records.push(record(subject, entry, now));
  }
  return {
    records,
    cacheHits: subjects.length - ordered.length,
    llmExtracted: phase.extracted.size,
    rulesExtracted,
    skipped: subjects.length - records.length - carriedKeys.size,
    fallbackCount: phase.failed.size,
    invalid: phase.invalid,
    timedOut: phase.timedOut,
    carried,
    carriedDone: carriedIn.map((entry) => entry.key).filter(read),
    carriedIn: carriedIn.length,
    stopped: phase.stopped,
    tiers,
    degraded: settings.enabled && phase.failed.size > 0,
    gated: !settings.enabled,
    unavailable: phase.unavailable,
    stats: phase.stats,
    failureSamples: settings.enabled ? failureSamples : [],
    failure,
  };
}
