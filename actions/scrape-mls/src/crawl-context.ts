import type { RateLimiter } from '../../../shared/http/rate-limiter.js';
import type { Logger } from '../../../shared/logger.js';
import type { SiteScope } from './admit-url.js';
import type { CaptchaService } from './captcha.js';
import type { ListingFrontier } from './frontier.js';
import type { ListingStore } from './listing-store.js';
import type { ProxyPool } from './proxy-pool.js';
import type { RenderingPlan } from './rendering-plan.js';
import type { RequestQueue } from './request-queue.js';
import type { ResultRows } from './result-rows.js';
import type { RobotsRules } from './robots.js';
import type { Selectors } from './selectors.js';
import type { SessionPool } from './sessions.js';
import type { FailureSnapshots } from './snapshots.js';

/** Everything one ZIP's crawl works with. */
export interface CrawlContext {
  selectors: Selectors;
  queue: RequestQueue;
  store: ListingStore;
  /** Where result pages' rows go; the listing visits are planned from them. */
  rows: ResultRows;
  sessions: SessionPool;
  /** How each page type is loaded, learned as the crawl goes (shared by every ZIP of the run). */
  rendering: RenderingPlan;
  proxies: ProxyPool;
  limiter: RateLimiter;
  robots: RobotsRules;
  /** Which listings were visited before: never-visited ones are queued as result pages show them. */
  frontier: ListingFrontier;
  /** Listing pages a ZIP may queue in a run (0: no limit). */
  maxListings: number;
  captcha: CaptchaService | null;
  snapshots: FailureSnapshots;
  logger: Logger;
  concurrency: number;
  maxRetries: number;
  navigationTimeoutMs: number;
  /** The longest wait on a loaded page (its script, its HTML) before it is abandoned. */
  pageTimeoutMs: number;
  /** What may be loaded: the configured site only (see admit-url). */
  scope: SiteScope;
  /** Aborted with a `StopRequest` when the time budget is spent or the runner asks to stop. */
  stop: AbortSignal;
}
