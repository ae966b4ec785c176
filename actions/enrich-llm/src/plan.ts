import { errorMessage } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/logger.js';
import type { CachedExtraction, ExtractionCache } from './cache.js';
import { carriedToSubject, type CarriedSubject } from './carried.js';
import { TIERS, orderByValue, type Tier } from './priority.js';
import { inputSha256, type Subject } from './subjects.js';

/** What a run will do: every subject with its cache key, the cached answers, and the queue. */
export interface ExtractionPlan {
  /** Tonight's subjects and the carried ones, one per key, by key. */
  subjects: Subject[];
  /** Cache key (`inputSha256`) by subject key. */
  keys: Map<string, string>;
  /** Cached extractions by cache key. */
  hits: Map<string, CachedExtraction>;
  /** Subjects the caches do not answer, most valuable first. */
  queue: Subject[];
  /** How many of the queue are in each tier. */
  tiers: Record<Tier, number>;
  /** When each carried subject was first carried, by key. */
  since: Map<string, string>;
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

async function readBefore(caches: readonly ExtractionCache[], keys: string[], logger: Logger) {
  const read = new Map<string, string | null>();
  for (const cache of caches) {
    try {
      for (const [key, digest] of await cache.readBefore(keys)) {
        if (read.get(key) == null) read.set(key, digest);
      }
    } catch (error) {
      logger.warning(`cache ${cache.name}: cannot tell what changed: ${errorMessage(error)}`);
    }
  }
  return read;
}

/**
 * Plans a run: tonight's subjects joined with the carried ones (tonight's input wins for a key),
 * the cache's answers (they cost nothing, so they are used even when the budget gate is closed),
 * and the rest ordered by value: carried, new, changed, refreshed.
 */
export async function planExtraction(
  tonight: readonly Subject[],
  carried: readonly CarriedSubject[],
  options: { model: string; caches: readonly ExtractionCache[]; logger: Logger },
): Promise<ExtractionPlan> {
  const { caches, logger } = options;
  const byKey = new Map(carried.map((entry) => [entry.key, carriedToSubject(entry)]));
  for (const subject of tonight) byKey.set(subject.key, subject);
  const subjects = [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const keys = new Map(
    subjects.map((subject) => [subject.key, inputSha256(options.model, subject)]),
  );
  const hits = await lookupCaches(caches, [...keys.values()], logger);
  const misses = subjects.filter((subject) => !hits.has(keys.get(subject.key) ?? ''));
  const since = new Map(carried.map((entry) => [entry.key, entry.since]));
  const read = await readBefore(
    caches,
    misses.map((subject) => subject.key),
    logger,
  );
  const ranked = orderByValue(misses, since, read);
  const tiers = Object.fromEntries(TIERS.map((tier) => [tier, 0])) as Record<Tier, number>;
  for (const { tier } of ranked) tiers[tier] += 1;
  logger.info(
    `${subjects.length} properties: ${subjects.length - misses.length} cached, ${misses.length} to extract ` +
      `(${TIERS.map((tier) => `${tiers[tier]} ${tier}`).join(', ')})`,
  );
  return { subjects, keys, hits, queue: ranked.map(({ subject }) => subject), tiers, since };
}
