import type { ArtifactClient } from '@actions/artifact';
import { join } from 'node:path';
import type { RateLimiter } from '../../../shared/http/rate-limiter.js';
import type { Logger } from '../../../shared/logger.js';
import { listingRangeProblems } from '../../../shared/model/mls-listing.js';
import { RUN_STATS_SCHEMA_VERSION } from '../../../shared/model/run-stats.js';
import type { SiteScope } from './admit-url.js';
import type { LazyBrowser } from './browser.js';
import type { CaptchaService } from './captcha.js';
import { crawl } from './crawl.js';
import type { ListingFrontier } from './frontier.js';
import { ListingStore } from './listing-store.js';
import type { ProxyPool } from './proxy-pool.js';
import { publishShard } from './publish.js';
import { usageRecords } from './usage-records.js';
import { frontierCounts, queueVisits } from './queue-visits.js';
import type { RenderingPlan } from './rendering-plan.js';
import { RequestQueue } from './request-queue.js';
import { ResultRows } from './result-rows.js';
import { previousListings } from './resume.js';
import type { RobotsRules } from './robots.js';
import type { Selectors } from './selectors.js';
import { SessionPool } from './sessions.js';
import type { ShardResult } from './shard-result.js';
import { FailureSnapshots } from './snapshots.js';

/** What every ZIP of a run shares. */
export interface ShardPlan {
  runId: string;
  /** `RUNNER_TEMP/scrape-mls/<run id>`: queues and listings survive a killed run here. */
  workRoot: string;
  /** Where stage folders are written. */
  outDir: string;
  baseUrl: string;
  artifactPrefix: string;
  client: ArtifactClient | null;
  /** Days GitHub keeps each artifact. */
  retentionDays: number;
  /** Chromium, launched when a page first needs it. */
  browser: LazyBrowser;
  /** How each page type is loaded (browser or plain HTTP), learned across the run's ZIPs. */
  rendering: RenderingPlan;
  selectors: Selectors;
  proxies: ProxyPool;
  limiter: RateLimiter;
  robots: RobotsRules;
  captcha: CaptchaService | null;
  concurrency: number;
  maxListings: number;
  maxSnapshots: number;
  navigationTimeoutMs: number;
  /** The longest wait on a loaded page's script or HTML. */
  pageTimeoutMs: number;
  /** What may be loaded: the configured site only. */
  scope: SiteScope;
  /** `artifact-name` of an earlier attempt whose listings are kept, or ''. */
  resumeFrom: string;
  /** True when `resumeFrom` is this run's own earlier attempt (a re-run): a missing one is normal. */
  resumeAutomatic: boolean;
  /** Orders listing visits and records them; without a database, search order. */
  frontier: ListingFrontier;
  /** Aborted when the time budget is spent or the runner asks the step to stop. */
  stop: AbortSignal;
}

/** Scrapes one ZIP from its persisted queue and publishes its stage folder. */
export async function scrapeShard(
  plan: ShardPlan,
  zip: string,
  logger: Logger,
): Promise<ShardResult> {
  const startedAt = new Date();
  const name = `${plan.artifactPrefix}-${zip}`;
  const work = join(plan.workRoot, name);
  const queue = await RequestQueue.open(work);
  const store = await ListingStore.open(join(work, 'listings.ndjson'));
  const rows = await ResultRows.open(join(work, 'rows.ndjson'));
  try {
    return await scrapeOpened(plan, zip, logger, { startedAt, name, work, queue, store, rows });
  } finally {
    await Promise.all([queue.close(), store.close(), rows.close()]);
  }
}

/** What `scrapeShard` opened for a ZIP. */
interface OpenShard {
  startedAt: Date;
  name: string;
  work: string;
  queue: RequestQueue;
  store: ListingStore;
  rows: ResultRows;
}

async function scrapeOpened(
  plan: ShardPlan,
  zip: string,
  logger: Logger,
  { startedAt, name, work, queue, store, rows }: OpenShard,
): Promise<ShardResult> {
  const snapshots = await FailureSnapshots.open(join(work, 'snapshots'), plan.maxSnapshots);
  const sessions = new SessionPool(
    plan.browser,
    plan.proxies,
    plan.scope,
    plan.navigationTimeoutMs,
  );
  if (plan.resumeFrom !== '') {
    const source = {
      name: `${plan.resumeFrom}-${zip}`,
      client: plan.client,
      outDir: plan.outDir,
      downloadDir: join(plan.workRoot, 'resume'),
      automatic: plan.resumeAutomatic,
    };
    const kept = await previousListings(source, logger);
    for (const listing of kept) {
      if (queue.has(listing.sourceUrl)) continue;
      await store.add(listing);
      await queue.markKept(listing.sourceUrl);
    }
    if (kept.length > 0 || !plan.resumeAutomatic)
      logger.info(`${zip}: ${kept.length} listings kept from '${source.name}'`);
  }
  await queue.add(
    new URL(plan.selectors.searchPath.replace('{zip}', zip), plan.baseUrl).href,
    'search',
  );
  if (queue.done > 0)
    logger.info(`${zip}: resuming: ${queue.done} pages done before, ${queue.pending} waiting`);
  const context = { ...plan, queue, store, rows, sessions, snapshots, logger, maxRetries: 3 };
  let stats: Awaited<ReturnType<typeof crawl>>;
  let reasons: Awaited<ReturnType<typeof queueVisits>>;
  try {
    // The search, with the never-visited listings it shows as it shows them; then the other
    // visits, whose order depends on every row of the search.
    stats = await crawl(context);
    reasons = await queueVisits({ ...plan, queue, rows }, stats);
    await crawl(context, stats);
  } finally {
    // Before the usage records: a session's proxy bytes are counted when it closes.
    await sessions.closeIdle();
  }
  const frontier = frontierCounts(reasons, queue, plan.robots);
  const listings = store.listings();
  const implausible = listings.filter((listing) => listingRangeProblems(listing).length > 0).length;
  const complete = queue.pending === 0 && stats.failed === 0 && stats.stoppedBecause === null;
  const finishedAt = new Date();
  logger.info(
    `${zip}: ${stats.listingsScraped} listings scraped, ${listings.length} in all, ${stats.pages} pages, ${stats.blocked} blocked, ${stats.failed} failed`,
  );
  logger.info(
    `${zip}: ${frontier['listings-known']} listings on the result pages: ${frontier['listings-new']} new, ${frontier['listings-changed']} changed and ${frontier['listings-revisited']} revisited in this run; ${frontier['listings-left']} left for the next`,
  );
  if (stats.stopRequest !== null)
    logger.info(`${zip}: stopped early (${stats.stopRequest}); uploading what it has`);
  const { uploaded } = await publishShard(
    listings,
    {
      runId: plan.runId,
      zip,
      runStats: {
        schemaVersion: RUN_STATS_SCHEMA_VERSION,
        runId: plan.runId,
        action: 'scrape-mls',
        shard: zip,
        startedAt: startedAt.toISOString(),
        finishedAt: finishedAt.toISOString(),
        durationMs: finishedAt.getTime() - startedAt.getTime(),
        counts: {
          pages: stats.pages,
          'listings-scraped': stats.listingsScraped,
          listings: listings.length,
          'listings-implausible': implausible,
          blocked: stats.blocked,
          'captchas-solved': stats.captchasSolved,
          'sessions-retired': sessions.retired,
          'robots-skipped': stats.robotsSkipped,
          'links-refused': stats.linksRefused,
          'pages-unresponsive': stats.unresponsive,
          'pages-browser': stats.loads.browser,
          'pages-http': stats.loads.http,
          'listings-gone': stats.gone,
          failed: stats.failed,
          ...frontier,
        },
        errorsByClass: stats.errorsByClass,
        retries: stats.retries,
        // A stop is a normal end of a night: partial, unless the site failed what was asked.
        outcome: complete
          ? 'success'
          : listings.length > 0 || (stats.stopRequest !== null && stats.failed === 0)
            ? 'partial'
            : 'failure',
      },
      usage: usageRecords(plan, zip, stats, sessions.closedBytes),
      snapshots: { dir: snapshots.dir, files: await snapshots.files() },
    },
    {
      ...{ dir: join(plan.outDir, name), artifactName: name },
      ...{ client: plan.client, retentionDays: plan.retentionDays },
    },
    logger,
  );
  // After the upload: a listing counts as visited only once what it gave is stored.
  const visits = new Map(
    listings
      .filter((listing) => queue.doneNow(listing.sourceUrl))
      .map((listing) => [listing.sourceUrl, listing.scrapedAt]),
  );
  const written = await plan.frontier.record(zip, rows.all(), visits);
  if (written > 0) logger.info(`${zip}: listing frontier: ${written} listings recorded`);
  return {
    zip,
    listings: listings.length,
    implausible,
    stats,
    proxyBytes: { ...sessions.closedBytes },
    sessionsRetired: sessions.retired,
    complete,
    frontier,
    artifact: uploaded ? name : join(plan.outDir, name),
    uploaded,
    elapsedMs: finishedAt.getTime() - startedAt.getTime(),
  };
}
