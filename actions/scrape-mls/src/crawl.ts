import { errorMessage, isRetryable } from '../../../shared/errors.js';
import { sleep } from '../../../shared/http/backoff.js';
import type { ErrorClass } from '../../../shared/model/run-stats.js';
import type { CrawlContext } from './crawl-context.js';
import { emptyCrawlStats, type CrawlStats } from './crawl-stats.js';
import { PageUnresponsiveError } from './bounded.js';
import { ListingParseError } from './listing-record.js';
import { loadPage, type ReadPage } from './load-page.js';
import { harvest } from './page-handlers.js';
import type { RenderMode } from './rendering-plan.js';
import type { QueuedRequest } from './request-queue.js';
import { MAX_ERROR_SCORE, type Session } from './sessions.js';
import { stopGrace } from './stop-grace.js';

/** Where a failed page can be seen: the session's browser page, or the HTML read over HTTP. */
interface Shown {
  session: Session;
  via: RenderMode;
  html?: string;
}

/**
 * Crawls the queue with `concurrency` sessions until it is empty, no session can be made, or
 * `ctx.stop` aborts: then no page is taken, pages under way get `IN_FLIGHT_GRACE_MS` to load, and
 * those still loading are abandoned (their sessions closed) and stay in the queue, untried. Counts
 * add to `stats` (a ZIP is crawled in two rounds: result pages, then listing pages).
 */
export async function crawl(ctx: CrawlContext, stats = emptyCrawlStats()): Promise<CrawlStats> {
  let inFlight = 0;
  const active = new Set<Session>();
  const grace = stopGrace(ctx.stop, {
    inFlight: () => inFlight,
    // Closing the contexts ends their navigations at once; their pages stay queued.
    onAbandon: () => {
      for (const session of active) ctx.sessions.abandon(session);
    },
    logger: ctx.logger,
  });
  const abandon = grace.abandon;
  const giveUp = async (
    request: QueuedRequest,
    errorClass: ErrorClass,
    reason: string,
    shown: Shown | null,
  ) => {
    stats.failed += 1;
    stats.errorsByClass[errorClass] += 1;
    ctx.logger.warning(`gave up on ${request.url}: ${reason}`);
    // `shown` is null for a page that left the site or stopped answering: nothing to keep.
    if (shown?.via === 'browser' && shown.session.browser)
      await ctx.snapshots.take(shown.session.browser.page, errorClass, ctx.pageTimeoutMs);
    else if (shown?.via === 'http' && shown.html !== undefined)
      await ctx.snapshots.keep(shown.html, errorClass);
    await ctx.queue.markFailed(request);
  };
  const again = async (
    request: QueuedRequest,
    errorClass: ErrorClass,
    reason: string,
    shown: Shown | null,
  ) => {
    if (request.retries >= ctx.maxRetries) return giveUp(request, errorClass, reason, shown);
    stats.retries += 1;
    ctx.logger.debug(`retrying ${request.url}: ${reason}`);
    ctx.queue.retry(request);
  };

  // A recheck runs beside its session's next pages (followed once its page's HTTP reading is
  // harvested) and counts as a page under way: the crawl waits for it, and a stop's grace covers
  // it. A browser reading that differs is harvested in place of the HTTP one.
  const follow = (request: QueuedRequest, recheck: Promise<ReadPage | null>): void => {
    inFlight += 1;
    void recheck
      .then(async (browsed) => {
        if (browsed && !abandon.aborted) await harvest(ctx, request, browsed, stats, true);
      })
      .catch((error: unknown) => {
        ctx.logger.warning(
          `the browser's reading of ${request.url} was not kept: ${errorMessage(error)}`,
        );
      })
      .finally(() => {
        inFlight -= 1;
      });
  };

  const worker = async (): Promise<void> => {
    let session: Session | null = null;
    const retire = async () => {
      if (session) {
        active.delete(session);
        await ctx.sessions.close(session, true);
      }
      session = null;
    };
    try {
      for (;;) {
        if (stats.stoppedBecause || ctx.stop.aborted) return;
        const request = ctx.queue.next();
        if (!request) {
          if (inFlight === 0) return;
          await sleep(25);
          continue;
        }
        inFlight += 1;
        let shown: Shown | null = null;
        try {
          session ??= ctx.sessions.take();
          if (!session) {
            stats.stoppedBecause = 'every proxy is cooling down';
            ctx.queue.retry({ ...request, retries: request.retries - 1 });
            return;
          }
          const current: Session = session;
          active.add(current);
          // Takes the page's pace turn as its request leaves; a stop rejects the turn, with the
          // stop's reason, and the page is not taken.
          const { via, outcome, recheck } = await loadPage(ctx, current, request, stats, abandon);
          shown = { session: current, via, html: outcome.kind === 'ok' ? outcome.html : undefined };
          if (abandon.aborted) {
            ctx.queue.putBack(request);
            return;
          }
          if (outcome.kind === 'ok') {
            current.errorScore = 0;
            if (current.proxy) ctx.proxies.markSuccess(current.proxy);
            await harvest(ctx, request, outcome, stats);
            await ctx.queue.markDone(request);
            if (recheck) follow(request, recheck);
          } else if (outcome.kind === 'blocked' || outcome.kind === 'rate-limited') {
            stats.blocked += 1;
            // A block burns the proxy's address on this site; a 429 is one strike.
            if (current.proxy && outcome.kind === 'blocked') ctx.proxies.retire(current.proxy);
            else if (current.proxy) ctx.proxies.markFailure(current.proxy);
            else if (outcome.kind === 'rate-limited') ctx.limiter.pause(outcome.retryAfterMs);
            ctx.logger.info(
              `session ${current.id} retired: ${outcome.kind}${current.proxy ? ` via ${current.proxy.label}` : ''}`,
            );
            await retire();
            await again(
              request,
              outcome.kind === 'blocked' ? 'auth' : 'rate-limited',
              outcome.kind,
              null,
            );
          } else if (outcome.kind === 'proxy-error') {
            // Refused, dropped or 407: the proxy is dead or rejects its credentials, so it is
            // retired at once; a timeout (a slow proxy) is one strike of three.
            if (current.proxy && outcome.fatal) ctx.proxies.retire(current.proxy);
            else if (current.proxy) ctx.proxies.markFailure(current.proxy);
            ctx.logger.info(
              `session ${current.id} retired: proxy ${current.proxy?.label ?? ''} failed (${outcome.message})`,
            );
            await retire();
            await again(request, 'network', outcome.message, null);
          } else if (outcome.kind === 'error' && outcome.gone && request.kind === 'listing') {
            // The listing left the market between the search and now: nothing to fetch.
            stats.gone += 1;
            await ctx.queue.markDone(request);
          } else if (outcome.kind === 'error' && outcome.offSite) {
            // A redirect off the site: never snapshotted, and the session starts afresh.
            await giveUp(request, outcome.errorClass, outcome.message, null);
            await retire();
          } else if (outcome.kind === 'error' && !outcome.retryable) {
            await giveUp(request, outcome.errorClass, outcome.message, shown);
          } else if (outcome.kind === 'error') {
            await again(request, outcome.errorClass, outcome.message, shown);
            current.errorScore += 1;
            if (current.errorScore >= MAX_ERROR_SCORE) {
              ctx.logger.info(
                `session ${current.id} retired: ${current.errorScore} failures in a row`,
              );
              await retire();
            }
          } else {
            await again(request, 'auth', 'the CAPTCHA kept coming back', shown);
          }
        } catch (error) {
          if (abandon.aborted || error === ctx.stop.reason) {
            ctx.queue.putBack(request);
            return;
          }
          if (error instanceof ListingParseError)
            await giveUp(request, 'parse', error.message, shown);
          else if (error instanceof PageUnresponsiveError) {
            // A script that never yields holds the page: it is abandoned (its context closed),
            // not retried, and the crawl goes on with a fresh session.
            stats.unresponsive += 1;
            await giveUp(request, 'other', `abandoned: ${error.message}`, null);
            await retire();
          } else {
            // What the browser shows now, if anything: the page may have crashed.
            const now: Shown | null = session ? { session, via: 'browser' } : null;
            if (isRetryable(error)) await again(request, 'other', errorMessage(error), now);
            else await giveUp(request, 'other', errorMessage(error), now);
            // The page may have crashed or closed: start the next request on a fresh session.
            await retire();
          }
        } finally {
          inFlight -= 1;
        }
      }
    } finally {
      if (session) {
        // A recheck may still be under way in it: until it ends, a stop's grace can abandon it.
        await session.checking;
        active.delete(session);
        await ctx.sessions.release(session);
      }
    }
  };
  try {
    if (!ctx.stop.aborted) await Promise.all(Array.from({ length: ctx.concurrency }, worker));
  } finally {
    grace.dispose();
  }
  // A stop that came when nothing was left to take cut nothing short.
  if (ctx.stop.aborted && ctx.queue.pending > 0)
    stats.stopRequest ??= errorMessage(ctx.stop.reason);
  return stats;
}
