import { COLLECTION_COUNTS, sumCounts } from '../../../shared/model/collection-counts.js';
import type { RunStats } from '../../../shared/model/run-stats.js';
import type { ComponentFailure } from './night.js';
import { severityFromMetrics, type Severity } from './severity.js';

/** What one collecting component did tonight, over all its shards. */
export interface CollectionRate {
  component: string;
  collected: number;
  failed: number;
  /** collected / (collected + failed); null when nothing was attempted. */
  rate: number | null;
  shards: number;
}

/** Success rate of each collecting action that left run-stats tonight. */
export function collectionRates(stats: readonly RunStats[]): CollectionRate[] {
  const rates = new Map<string, CollectionRate>();
  for (const record of stats) {
    const counts = COLLECTION_COUNTS[record.action];
    if (!counts) continue;
    const entry = rates.get(record.action) ?? {
      component: record.action,
      collected: 0,
      failed: 0,
      rate: null,
      shards: 0,
    };
    entry.collected += sumCounts(record.counts, counts.collected);
    entry.failed += sumCounts(record.counts, counts.failed);
    entry.shards += 1;
    rates.set(record.action, entry);
  }
  for (const entry of rates.values()) {
    const attempted = entry.collected + entry.failed;
    entry.rate = attempted === 0 ? null : entry.collected / attempted;
  }
  return [...rates.values()];
}

/** The guide's band for a success rate (see `severityFromMetrics`); undefined at or above 95 %. */
export const severityOfRate = (rate: number): Severity | undefined =>
  severityFromMetrics({ successRate: rate, failingComponents: 1 });

const percent = (rate: number): string => `${(rate * 100).toFixed(1)} %`;

/**
 * A degraded-night failure for a collecting component whose jobs succeeded but whose success rate
 * is under 95 %; undefined when it is not degraded. One fingerprint per component, whatever the
 * rate: a night at 60 % and one at 80 % are the same incident, its severity following the worst.
 */
export function degradedFailure(entry: CollectionRate): ComponentFailure | undefined {
  if (entry.rate === null || severityOfRate(entry.rate) === undefined) return undefined;
  const noun = entry.component === 'scrape-mls' ? 'listing pages' : 'parcels';
  return {
    component: entry.component,
    signature: `${entry.component} success rate below the 95 % target`,
    message: `${percent(entry.rate)} of ${noun} collected tonight: ${entry.collected.toLocaleString('en-US')} collected, ${entry.failed.toLocaleString('en-US')} given up after retries, over ${entry.shards} shard(s)`,
    jobs: [],
    rate: entry.rate,
  };
}
