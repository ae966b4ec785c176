import { scrubSecrets } from './http/redact.js';

/**
 * Whether a collecting shard (one ZIP of one source) did its work. A source that failed
 * everything asked of it is an outage, never a success; a ZIP with nothing in it is not one.
 */

/** Failure classes that say the source itself failed us (down, broken, refusing us). */
const SOURCE_FAILURES = new Set([
  'network',
  'timeout',
  'server',
  'auth',
  'rate-limited',
  'bad-body',
  // A block page or 403: the site refuses us (scrape-mls counts these apart).
  'blocked',
]);

/** What one shard collected and what failed, in this run only (resumed items excluded). */
export interface SourceTally {
  /** The source as a user knows it, e.g. `the county API at https://…` (no secrets). */
  source: string;
  zip: string;
  /** What an item is, plural: `parcels`, `pages`. */
  unit: string;
  /** Items collected from the source in this run. */
  collected: number;
  /** Items given up after retries in this run. */
  failed: number;
  /** Failures by class, as the action counts them (failed requests or failed items). */
  errors: Readonly<Record<string, number>>;
  /** Why the shard stopped before its work was done (search failed, circuit open), or null. */
  stopped: string | null;
}

/** `server 12, timeout 3`: the classes that occurred, most frequent first. */
export function describeErrors(errors: Readonly<Record<string, number>>): string {
  const counted = Object.entries(errors).filter(([, count]) => count > 0);
  if (counted.length === 0) return 'no error class recorded';
  return counted
    .sort((a, b) => b[1] - a[1])
    .map(([name, count]) => `${name} ${count}`)
    .join(', ');
}

/** True when nothing was collected, something was tried, and the source is what failed. */
export function isOutage(tally: SourceTally): boolean {
  const tried = tally.failed > 0 || tally.stopped !== null;
  const bySource = Object.entries(tally.errors).some(
    ([name, count]) => count > 0 && SOURCE_FAILURES.has(name),
  );
  return tally.collected === 0 && tried && bySource;
}

/**
 * Why the shard fails, or undefined when it did its work: an outage always fails; otherwise the
 * share of items that failed must not exceed `maxFailureRate` (the `max-failure-rate` input).
 * `secrets` are scrubbed from the message.
 */
export function sourceVerdict(
  tally: SourceTally,
  maxFailureRate: number,
  secrets: readonly string[] = [],
): string | undefined {
  const { zip, unit, collected, failed } = tally;
  const stopped = tally.stopped === null ? '' : `; ${tally.stopped}`;
  let message: string | undefined;
  if (isOutage(tally)) {
    message = `ZIP ${zip}: ${tally.source} failed: 0 ${unit} collected, ${failed} failed (${describeErrors(tally.errors)})${stopped}`;
  } else if (failed > 0 && failed / (collected + failed) > maxFailureRate) {
    const share = Math.round((failed * 100) / (collected + failed));
    message = `ZIP ${zip}: ${failed} of ${collected + failed} ${unit} from ${tally.source} failed (${share} %, above max-failure-rate ${maxFailureRate}; ${describeErrors(tally.errors)})${stopped}`;
  }
  return message === undefined ? undefined : scrubSecrets(message, secrets);
}
