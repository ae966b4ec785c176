import { sourceVerdict } from '../../../shared/source-verdict.js';
import type { ScrapeResult } from './scrape.js';
import type { ShardResult } from './shard-result.js';

function shardFailure(shard: ShardResult, result: ScrapeResult): string | undefined {
  const { stats } = shard;
  const verdict = sourceVerdict(
    {
      source: `the listing site at ${result.source}`,
      zip: shard.zip,
      unit: 'pages',
      collected: stats.listingsScraped,
      failed: stats.failed,
      // Blocks are retried on a fresh session; they count as the site refusing us.
      errors: { ...stats.errorsByClass, blocked: stats.blocked },
      stopped: stats.stoppedBecause === null ? null : `stopped early: ${stats.stoppedBecause}`,
    },
    result.maxFailureRate,
  );
  // What was scraped is never lost: the failure says where it went.
  const where = shard.uploaded ? 'uploaded as' : 'written to';
  return verdict && `${verdict}; ${shard.listings} listings ${where} ${shard.artifact}`;
}

/**
 * Why a finished scrape still fails the step, or undefined: a ZIP where the site failed every page
 * (an outage, never a success), or more failed pages than `max-failure-rate` allows. A ZIP with no
 * listings, or one whose pages were all done before, is a success.
 */
export function scrapeFailure(result: ScrapeResult): string | undefined {
  const reasons = result.shards
    .map((shard) => shardFailure(shard, result))
    .filter((reason) => reason !== undefined);
  return reasons.length > 0 ? reasons.join('; ') : undefined;
}
