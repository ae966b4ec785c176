import type { CrawlStats } from './crawl-stats.js';
import type { FrontierCounts } from './queue-visits.js';
import type { RenderMode } from './rendering-plan.js';

/** What scraping one ZIP came to. */
export interface ShardResult {
  zip: string;
  /** Listings in the artifact (kept from before plus scraped now). */
  listings: number;
  /** Listings outside the guide's plausible ranges (kept, counted). */
  implausible: number;
  stats: CrawlStats;
  /** Bytes through proxies, by how the pages were loaded. */
  proxyBytes: Record<RenderMode, number>;
  /** Sessions retired. */
  sessionsRetired: number;
  /** Nothing left in the queue and nothing given up. */
  complete: boolean;
  /** The ZIP's listings against the frontier: known, new, changed, revisited, left. */
  frontier: FrontierCounts;
  /** The artifact's name, or the folder written when not uploaded. */
  artifact: string;
  uploaded: boolean;
  elapsedMs: number;
}
