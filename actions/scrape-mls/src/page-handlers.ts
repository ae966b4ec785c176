import type { Page } from 'playwright-core';
import { admitUrl } from './admit-url.js';
import { solveRecaptcha, submitCaptchaToken } from './captcha.js';
import type { CrawlContext } from './crawl-context.js';
import type { CrawlStats } from './crawl-stats.js';
import { listingRecord } from './listing-record.js';
import { queueNewListings } from './queue-visits.js';
import type { QueuedRequest } from './request-queue.js';
import { robotsAllow } from './robots.js';
import type { Session } from './sessions.js';
import { classifyPage, type VisitOutcome } from './visit.js';

/** Solves CAPTCHA pages (at most twice in a row) and returns what the page became. */
export async function passCaptchas(
  ctx: CrawlContext,
  session: Session,
  page: Page,
  outcome: VisitOutcome,
  stats: CrawlStats,
  abandon?: AbortSignal,
): Promise<VisitOutcome> {
  for (let round = 0; outcome.kind === 'captcha' && round < 2; round += 1) {
    if (!ctx.captcha)
      return {
        kind: 'error',
        retryable: false,
        message: 'CAPTCHA page and no captcha-api-key',
        errorClass: 'auth',
      } as const;
    const token = await solveRecaptcha(ctx.captcha, outcome.siteKey, page.url(), abandon);
    stats.captchasSolved += 1;
    ctx.logger.info(`session ${session.id}: CAPTCHA solved, continuing`);
    const navigation = page.waitForEvent('response', {
      predicate: (response) =>
        response.request().isNavigationRequest() && response.status() !== 303,
      timeout: ctx.navigationTimeoutMs,
    });
    // Handled at once: if the submit throws, this wait must not become an unhandled rejection.
    const landed = navigation.catch(() => null);
    await submitCaptchaToken(page, token, ctx.navigationTimeoutMs);
    outcome = await classifyPage(page, await landed, ctx.selectors, ctx);
  }
  return outcome;
}

/**
 * Handles a page that loaded: a listing page becomes a record; a result page's rows are recorded,
 * its never-visited listings queued (the other visits are planned once the search is read) and its
 * next page queued. `again`: the page was harvested already, and this reading (the browser's,
 * after a recheck) replaces that one: the listing record, and what the rows showed of each listing.
 */
export async function harvest(
  ctx: CrawlContext,
  request: QueuedRequest,
  outcome: Extract<VisitOutcome, { kind: 'ok' }>,
  stats: CrawlStats,
  again = false,
): Promise<void> {
  if (request.kind === 'listing') {
    await ctx.store.add(
      listingRecord(outcome.reading, {
        url: request.url,
        html: outcome.html,
        scrapedAt: new Date(),
      }),
    );
    if (!again) stats.listingsScraped += 1;
    return;
  }
  const rows = [];
  for (const row of outcome.reading.resultRows) {
    const url = admitted(ctx, row.url, request.url, stats);
    if (url) rows.push({ ...row, url });
  }
  await queueNewListings(ctx, await ctx.rows.add(rows, again));
  const next =
    outcome.reading.nextPage && admitted(ctx, outcome.reading.nextPage, request.url, stats);
  if (next && robotsAllow(ctx.robots, next)) await ctx.queue.add(next, 'search');
}

/** The URL of a link on the page at `pageUrl` if it may be loaded; else null, counted and logged. */
function admitted(
  ctx: CrawlContext,
  href: string,
  pageUrl: string,
  stats: CrawlStats,
): string | null {
  const admission = admitUrl(href, pageUrl, ctx.scope);
  if (admission.ok) return admission.url;
  stats.linksRefused += 1;
  ctx.logger.debug(`link refused (${admission.reason}) on ${pageUrl}`);
  return null;
}
