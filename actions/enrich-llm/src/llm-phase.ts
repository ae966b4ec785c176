import { errorMessage } from '../../../shared/errors.js';
import { CircuitBreaker } from '../../../shared/http/circuit-breaker.js';
import { isSourceFailure } from '../../../shared/http/http-error.js';
import type { Logger } from '../../../shared/logger.js';
import type { CachedExtraction, ExtractionCache } from './cache.js';
import { LlmExtractor, emptyLlmStats, type LlmStats } from './llm-extractor.js';
import { ensureModel } from './model-check.js';
import type { OllamaGateway } from './ollama.js';
import { inputDigest, type Subject } from './subjects.js';

/** What the model phase needs. */
export interface LlmPhaseOptions {
  gateway: OllamaGateway;
  /** Full model name. */
  model: string;
  numCtx: number;
  batchSize: number;
  concurrency: number;
  timeoutPerItemMs: number;
  /** Where new extractions go as soon as a batch is done (none on a dry run). */
  caches: readonly ExtractionCache[];
  logger: Logger;
  /** Backoff ceiling before a repeated call or check, in ms; tests shorten it. */
  retryDelayMs?: number;
  /** Consecutive call failures that open the circuit. Default 3. */
  failureThreshold?: number;
  /** Aborts (with a `StopRequest`) once no new batch should be sent: the rest is carried. */
  stop?: AbortSignal;
  /** Aborts once the batches in flight must be given up; theirs are carried too. */
  abandon?: AbortSignal;
}

/** What the model phase did: extractions by subject key, and why the rest failed. */
export interface LlmPhaseResult {
  extracted: Map<string, CachedExtraction>;
  failed: Map<string, string>;
  invalid: number;
  /** Keys of `failed` whose reply stayed invalid after the retry (the model read them). */
  invalidKeys: Set<string>;
  /** Subjects of `failed` whose call outlived its deadline. */
  timedOut: number;
  /** Subjects the model did not get to before the stop, in the order they were given. */
  carried: Subject[];
  /** Why the work stopped early, if it did. */
  stopped?: string;
  stats: LlmStats;
  /** Why the model could not be used at all (unreachable, pull failed); undefined when it could. */
  unavailable?: string;
}

/** Runs `work` on each item with at most `workers` at a time. */
async function pool<T>(
  items: readonly T[],
  workers: number,
  work: (item: T, index: number) => Promise<void>,
) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, items.length) }, worker));
}

/**
 * Extracts `subjects` (keyed by their cache key in `keys`) with the model: checks (and pulls) it
 * once, then sends batches, `concurrency` at a time, through one circuit breaker so that a server
 * that keeps failing sends what is left to the fallback at once. Each batch's extractions are
 * stored in the caches as soon as it is done, so a failure later loses none of them.
 */
export async function runLlmPhase(
  subjects: readonly Subject[],
  keys: ReadonlyMap<string, string>,
  options: LlmPhaseOptions,
): Promise<LlmPhaseResult> {
  const { logger, model } = options;
  const breaker = new CircuitBreaker({
    name: `Ollama at ${options.gateway.safeHost}`,
    failureThreshold: options.failureThreshold ?? 3,
    openMs: 5 * 60_000,
    isFailure: isSourceFailure,
    onStateChange: (from, to) => logger.warning(`Ollama circuit ${from} -> ${to}`),
  });
  const extractor = new LlmExtractor({ ...options, breaker });
  const result: LlmPhaseResult = {
    extracted: new Map(),
    failed: new Map(),
    invalid: 0,
    invalidKeys: new Set(),
    timedOut: 0,
    carried: [],
    stats: extractor.stats,
  };
  if (subjects.length === 0) return result;
  const { stop, abandon } = options;
  const carryTheRest = () => {
    result.carried = subjects.filter(
      (subject) => !result.extracted.has(subject.key) && !result.failed.has(subject.key),
    );
    if (stop?.aborted) result.stopped = errorMessage(stop.reason);
    return result;
  };
  try {
    await ensureModel(options.gateway, model, logger, {
      retryDelayMs: options.retryDelayMs,
      signal: abandon,
    });
  } catch (error) {
    if (abandon?.aborted) return carryTheRest();
    result.unavailable = errorMessage(error);
    for (const subject of subjects) result.failed.set(subject.key, result.unavailable);
    return result;
  }
  const batches: Subject[][] = [];
  for (let at = 0; at < subjects.length; at += options.batchSize) {
    batches.push(subjects.slice(at, at + options.batchSize));
  }
  // Each cache's writes run one after another behind the model: the next batch does not wait for
  // the database, and the phase ends only when every batch's write has ended.
  const writes: Array<Promise<void>> = options.caches.map(() => Promise.resolve());
  await pool(batches, options.concurrency, async (batch, index) => {
    if (stop?.aborted) return;
    const outcome = await extractor.extractBatch(batch, { stop, abandon });
    const extractedAt = new Date().toISOString();
    const fresh: CachedExtraction[] = [];
    for (const subject of batch) {
      const extraction = outcome.extracted.get(subject.key);
      if (extraction === undefined) continue;
      const entry = {
        ...extraction,
        inputSha256: keys.get(subject.key) ?? '',
        model,
        extractedAt,
        key: subject.key,
        inputDigest: inputDigest(subject),
      };
      result.extracted.set(subject.key, entry);
      fresh.push(entry);
    }
    for (const [key, reason] of outcome.failed) result.failed.set(key, reason);
    result.invalid += outcome.invalid;
    for (const key of outcome.invalidKeys) result.invalidKeys.add(key);
    result.timedOut += outcome.timedOut.size;
    const left = outcome.abandoned.size > 0 ? `, ${outcome.abandoned.size} left for later` : '';
    logger.info(
      `batch ${index + 1}/${batches.length}: ${outcome.extracted.size} extracted, ${outcome.failed.size} not${left}`,
    );
    options.caches.forEach((cache, at) => {
      writes[at] = (writes[at] ?? Promise.resolve()).then(() =>
        cache
          .store(fresh)
          .catch((error: unknown) =>
            logger.warning(`cache ${cache.name}: store failed: ${errorMessage(error)}`),
          ),
      );
    });
  });
  await Promise.all(writes);
  return carryTheRest();
}

/** The model phase when the budget gate is closed: no call, every subject left to the fallback. */
export function closedGatePhase(subjects: readonly Subject[]): LlmPhaseResult {
  const failed = new Map(subjects.map((subject) => [subject.key, 'enabled is false']));
  return {
    extracted: new Map(),
    failed,
    invalid: 0,
    invalidKeys: new Set(),
    timedOut: 0,
    carried: [],
    stats: emptyLlmStats(),
  };
}
