import type { CrawlStats } from './crawl-stats.js';
import type { ListingFrontier } from './frontier.js';
import type { RequestQueue } from './request-queue.js';
import type { ResultRow, ResultRows } from './result-rows.js';
import { robotsAllow, type RobotsRules } from './robots.js';
import { planVisits, visitReason, type VisitReason } from './visit-plan.js';

/** How a ZIP's listings fared against the frontier in this run (run-stats counts). */
export interface FrontierCounts {
  /** Listings the search showed in this run. */
  'listings-known': number;
  /** Listing pages read in this run that had never been visited. */
  'listings-new': number;
  /** ... whose result row changed (price, status) since their last visit. */
  'listings-changed': number;
  /** ... visited again in turn, least recently visited first. */
  'listings-revisited': number;
  /** Listings due but not visited in this run (the page budget, the time budget, failures). */
  'listings-left': number;
}

/** What queueing listing visits works with. */
interface VisitContext {
  queue: RequestQueue;
  frontier: ListingFrontier;
  robots: RobotsRules;
  maxListings: number;
}

/**
 * While the search is read, after each result page: queues at once its listings that were never
 * visited (as many as `max-listings` allows). The plan puts those first whatever the rest of the
 * search shows, in search order, so their pages are read beside the result pages still to come,
 * which can only go one after another. Changed and revisited listings wait for the whole search
 * (`queueVisits`): their order depends on all of it. Nothing is queued early when the frontier
 * cannot be read now.
 */
export async function queueNewListings(
  ctx: VisitContext,
  rows: readonly ResultRow[],
): Promise<void> {
  if (rows.length === 0) return;
  const known = await ctx.frontier.known(rows.map((row) => row.url));
  if (!known) return;
  const fresh = rows.filter((row) => visitReason(row, known.get(row.url)) === 'new');
  // Disallowed pages are counted by `queueVisits`, which sees them too.
  await enqueue(
    ctx,
    fresh.map((row) => row.url),
    () => undefined,
  );
}

/**
 * Once the search is read: orders every listing it showed by the frontier (new, changed, least
 * recently visited) and queues as many as `max-listings` allows (counting those already queued or
 * kept from an earlier attempt). Returns why each listing was due.
 */
export async function queueVisits(
  ctx: VisitContext & { rows: ResultRows },
  stats: CrawlStats,
): Promise<Map<string, VisitReason>> {
  const rows = ctx.rows.all();
  const plan = planVisits(rows, await ctx.frontier.entries(rows.map((row) => row.url)));
  await enqueue(
    ctx,
    plan.map((visit) => visit.url),
    () => (stats.robotsSkipped += 1),
  );
  return new Map(plan.map((visit) => [visit.url, visit.reason]));
}

/**
 * Queues listing pages in order while `max-listings` has room (counting those queued already),
 * passing over those queued already and those robots.txt disallows (`disallowed` hears of each).
 */
async function enqueue(
  ctx: VisitContext,
  urls: readonly string[],
  disallowed: () => void,
): Promise<void> {
  let room = ctx.maxListings > 0 ? ctx.maxListings - ctx.queue.countOf('listing') : Infinity;
  for (const url of urls) {
    if (room <= 0) return;
    if (ctx.queue.has(url)) continue;
    if (!robotsAllow(ctx.robots, url)) disallowed();
    else if (await ctx.queue.add(url, 'listing')) room -= 1;
  }
}

/** The run-stats counts of a ZIP's listings after its crawl. */
export function frontierCounts(
  reasons: ReadonlyMap<string, VisitReason>,
  queue: RequestQueue,
  robots: RobotsRules,
): FrontierCounts {
  const counts: FrontierCounts = {
    'listings-known': reasons.size,
    'listings-new': 0,
    'listings-changed': 0,
    'listings-revisited': 0,
    'listings-left': 0,
  };
  const key = {
    new: 'listings-new',
    changed: 'listings-changed',
    revisit: 'listings-revisited',
  } as const;
  for (const [url, reason] of reasons) {
    if (queue.doneNow(url)) counts[key[reason]] += 1;
    // Kept from an earlier attempt of this run, or a page robots.txt does not allow: not due.
    else if (!queue.isDone(url) && robotsAllow(robots, url)) counts['listings-left'] += 1;
  }
  return counts;
}
