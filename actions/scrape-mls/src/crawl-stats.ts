import type { ErrorClass } from '../../../shared/model/run-stats.js';
import type { RenderMode } from './rendering-plan.js';

/** What crawling one ZIP did, for outputs, run-stats and the summary. */
export interface CrawlStats {
  /** Pages taken from the queue (result and listing pages, CAPTCHA and block pages included). */
  pages: number;
  /**
   * Loads by how: in the browser, or over plain HTTP. A page read over HTTP and then in the
   * browser (it fell short, or was rechecked) counts once in each.
   */
  loads: Record<RenderMode, number>;
  /** Listing pages turned into records in this run. */
  listingsScraped: number;
  /** Pages that were a block page, a 403 or a 429. */
  blocked: number;
  captchasSolved: number;
  /** Requests given up after retries. */
  failed: number;
  /** Attempts repeated after a retryable failure. */
  retries: number;
  /** Listing pages that answered 404/410: the listing left the market after the search. */
  gone: number;
  /** Links robots.txt did not allow. */
  robotsSkipped: number;
  /** Links and next pages refused: not http(s), another site, a private address (see admit-url). */
  linksRefused: number;
  /** Pages abandoned because their script never yielded (counted in `failed` too). */
  unresponsive: number;
  /** Final failures by class. */
  errorsByClass: Record<ErrorClass, number>;
  /** Why the crawl stopped before its queue was empty (every proxy cooling down), or null. */
  stoppedBecause: string | null;
  /** Why the run was asked to stop (time budget spent, the runner's signal), or null: not a failure. */
  stopRequest: string | null;
}

/** Stats with every count at zero. */
export function emptyCrawlStats(): CrawlStats {
  return {
    pages: 0,
    loads: { browser: 0, http: 0 },
    listingsScraped: 0,
    blocked: 0,
    captchasSolved: 0,
    failed: 0,
    retries: 0,
    gone: 0,
    robotsSkipped: 0,
    linksRefused: 0,
    unresponsive: 0,
    errorsByClass: {
      network: 0,
      'rate-limited': 0,
      server: 0,
      auth: 0,
      client: 0,
      parse: 0,
      other: 0,
    },
    stoppedBecause: null,
    stopRequest: null,
  };
}
