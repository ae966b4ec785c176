import { sourceVerdict } from '../../../shared/source-verdict.js';
import type { CollectResult } from './collect.js';
import type { ShardResult } from './shard-result.js';

// What was collected is never lost: a failure says where it went.
const kept = (shard: ShardResult): string =>
  shard.artifact
    ? `${shard.parcels} parcels uploaded as ${shard.artifact}`
    : `${shard.parcels} parcels written to ${shard.dir}`;

function outage(shard: ShardResult, result: CollectResult): string | undefined {
  const verdict = sourceVerdict(
    {
      source: `the county API at ${result.source}`,
      zip: shard.zip,
      unit: 'parcels',
      collected: shard.fetched,
      // Parcels left because the county kept failing (circuit open) are its failures too.
      failed: shard.failed + shard.abandoned,
      // Failed requests by class: a search that never answered has no failed parcels.
      errors: shard.http.errorsByClass,
      stopped: shard.note,
    },
    result.maxFailureRate,
  );
  return verdict === undefined ? undefined : `${verdict}; ${kept(shard)}`;
}

/**
 * Why a finished collection still fails the step, or undefined: a configuration problem the county
 * revealed (once, with every ZIP it stopped), a ZIP where the county failed every request (an
 * outage, never a success), or more failed parcels than `max-failure-rate` allows. A ZIP with no
 * parcels is a success.
 */
export function collectFailure(result: CollectResult): string | undefined {
  const fatal = new Map<string, string[]>();
  for (const shard of result.shards) {
    if (shard.fatal !== null)
      fatal.set(shard.fatal, [
        ...(fatal.get(shard.fatal) ?? []),
        `ZIP ${shard.zip}: ${kept(shard)}`,
      ]);
  }
  const reasons = [
    ...[...fatal].map(([message, shards]) => `${message} (${shards.join('; ')})`),
    ...result.shards
      .filter((shard) => shard.fatal === null)
      .map((shard) => outage(shard, result))
      .filter((reason) => reason !== undefined),
  ];
  return reasons.length > 0 ? reasons.join('; ') : undefined;
}
