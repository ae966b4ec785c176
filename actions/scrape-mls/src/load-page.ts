import { errorMessage } from '../../../shared/errors.js';
import type { CrawlContext } from './crawl-context.js';
import type { CrawlStats } from './crawl-stats.js';
import { fetchServedPage } from './http-page.js';
import { passCaptchas } from './page-handlers.js';
import {
  httpReadingComplete,
  readingsAgree,
  type HttpShortfall,
  type RenderMode,
} from './rendering-plan.js';
import type { QueuedRequest } from './request-queue.js';
import { readServedHtml } from './served-html.js';
import type { Session } from './sessions.js';
import { visitPage, type VisitOutcome } from './visit.js';

/** A page that loaded and reads as a page (not a CAPTCHA, block or error). */
export type ReadPage = Extract<VisitOutcome, { kind: 'ok' }>;

/** A page's outcome and how it was loaded in the end. */
export interface LoadedPage {
  via: RenderMode;
  outcome: VisitOutcome;
  /**
   * The recheck of this HTTP page in the browser, under way beside the crawl: it comes to the
   * browser's reading when that differs from the served HTML's (the browser is the truth: it
   * replaces what was harvested), else null. It never rejects.
   */
  recheck?: Promise<ReadPage | null>;
}

/**
 * Loads one page the way the rendering plan says for its type, and tells the plan what it saw.
 *
 * Over plain HTTP, a page whose reading falls short (a CAPTCHA widget, a block page, or an
 * incomplete reading: a page that needs its script) is loaded again in the browser, which decides;
 * an incomplete one also sends its type back to the browser. A recheck loads a good HTTP page in
 * the browser as well, beside the session's next HTTP pages (see `recheck`), and compares. In the
 * browser, the served HTML of the very response is read too (no second request) and compared:
 * agreements move the type towards HTTP. The browser's outcome is the truth whenever both were
 * read. `rendering: http` never falls back except for a CAPTCHA, which only a browser can pass.
 */
export async function loadPage(
  ctx: CrawlContext,
  session: Session,
  request: QueuedRequest,
  stats: CrawlStats,
  abandon: AbortSignal,
): Promise<LoadedPage> {
  const type = request.kind;
  const plan = ctx.rendering.planFor(type);
  // The page's first request takes its pace turn as it leaves (in the browser, once the browser
  // page, and Chromium, are ready: requests reach the site spaced as the pace says, not bunched
  // after a launch); from then on the page counts as taken.
  const take = async (): Promise<void> => {
    await ctx.limiter.acquire(ctx.stop);
    stats.pages += 1;
  };
  if (plan.mode === 'browser')
    return {
      via: 'browser',
      outcome: await inBrowser(ctx, session, request, stats, abandon, 'learn', take),
    };
  await take();
  const fetched = await fetchServedPage(session.http, request.url, ctx.selectors, {
    timeoutMs: ctx.navigationTimeoutMs,
    scope: ctx.scope,
    proxied: session.proxy !== null,
  });
  stats.loads.http += 1;
  ctx.sessions.countHttp(session, fetched.bytes);
  const outcome: VisitOutcome = fetched;
  const shortfall = shortfallOf(type, outcome);
  if (shortfall === null) {
    if (!plan.recheck || outcome.kind !== 'ok') return { via: 'http', outcome };
    // One recheck at a time in a session's browser page.
    await session.checking;
    return {
      via: 'http',
      outcome,
      recheck: recheck(ctx, session, request, outcome, stats, abandon),
    };
  }
  if (ctx.rendering.setting === 'http' && shortfall !== 'captcha') return { via: 'http', outcome };
  ctx.rendering.fellShort(type, shortfall);
  ctx.logger.debug(`${request.url}: ${shortfall} over HTTP; loading it in the browser`);
  return {
    via: 'browser',
    outcome: await inBrowser(ctx, session, request, stats, abandon, 'fallback', turn(ctx)),
  };
}

/**
 * Loads a good HTTP page in the session's browser page too, without holding up the session: its
 * HTTP pages go on meanwhile (the browser's work is Chromium's, on its own processes). A reading
 * that differs sends the type back to the browser and comes back, to be harvested in place of the
 * served HTML's. A recheck that fails (the browser met a block, the page crashed or got stuck)
 * leaves the HTTP reading standing; a broken browser page is closed, and the session's next
 * browser page opens afresh.
 */
function recheck(
  ctx: CrawlContext,
  session: Session,
  request: QueuedRequest,
  served: ReadPage,
  stats: CrawlStats,
  abandon: AbortSignal,
): Promise<ReadPage | null> {
  const check = async (): Promise<ReadPage | null> => {
    try {
      const browsed = await inBrowser(ctx, session, request, stats, abandon, 'recheck', turn(ctx));
      if (browsed.kind !== 'ok') {
        ctx.logger.debug(
          `${request.url}: its recheck in the browser came to ${browsed.kind}; the HTTP reading stands`,
        );
        return null;
      }
      const agreed = readingsAgree(request.kind, served.reading, browsed.reading);
      ctx.rendering.compared(request.kind, agreed);
      if (agreed) return null;
      ctx.logger.info(
        `${request.url}: the browser reads it differently from its served HTML; its reading replaces the HTTP one, and ${request.kind} pages go back to the browser`,
      );
      return browsed;
    } catch (error) {
      // A stop or a closed session ends the check: nothing to compare, nothing to repair.
      if (!ctx.stop.aborted && !abandon.aborted && !session.abandoned) {
        ctx.logger.debug(
          `${request.url}: its recheck in the browser failed: ${errorMessage(error)}`,
        );
        await ctx.sessions.dropBrowser(session);
      }
      return null;
    }
  };
  const checked = check();
  const settled = checked.then(() => {
    if (session.checking === settled) session.checking = null;
  });
  session.checking = settled;
  return checked;
}

/** The pace turn of a second request for a page read over HTTP: it waits as any page does. */
function turn(ctx: CrawlContext): () => Promise<void> {
  return () => ctx.limiter.acquire(ctx.stop);
}

/** Why an HTTP outcome cannot stand for the page, or null when it can. */
function shortfallOf(type: QueuedRequest['kind'], outcome: VisitOutcome): HttpShortfall | null {
  if (outcome.kind === 'captcha') return 'captcha';
  if (outcome.kind === 'blocked') return 'blocked';
  if (outcome.kind === 'ok' && !httpReadingComplete(type, outcome.reading)) return 'incomplete';
  return null;
}

/**
 * Loads the page in the session's browser page, taking its pace turn (`turn`) once the page is
 * ready, and passes CAPTCHAs. `learn`: a browser page of the plan; its served HTML is compared too. A `recheck` runs beside the session's HTTP pages, so it
 * gives its cookies to HTTP only when it passed a CAPTCHA: otherwise the cookies HTTP got
 * meanwhile stay.
 */
async function inBrowser(
  ctx: CrawlContext,
  session: Session,
  request: QueuedRequest,
  stats: CrawlStats,
  abandon: AbortSignal,
  why: 'learn' | 'fallback' | 'recheck',
  turn: () => Promise<void>,
): Promise<VisitOutcome> {
  if (why !== 'recheck') await session.checking;
  const page = await ctx.sessions.page(session);
  await turn();
  stats.loads.browser += 1;
  let outcome = await visitPage(page, request.url, ctx.selectors, {
    scope: ctx.scope,
    timeoutMs: ctx.navigationTimeoutMs,
    pageTimeoutMs: ctx.pageTimeoutMs,
    proxied: session.proxy !== null,
  });
  const captcha = outcome.kind === 'captcha';
  if (captcha) outcome = await passCaptchas(ctx, session, page, outcome, stats, abandon);
  // What the page set (a CAPTCHA passed, a cookie refreshed) holds for plain HTTP from now on.
  if (why !== 'recheck' || captcha) await ctx.sessions.browsed(session);
  if (why === 'learn' && outcome.kind === 'ok' && ctx.rendering.setting === 'adaptive') {
    // What plain HTTP would have read: the same response's HTML, without its script run.
    const served = readServedHtml(outcome.html, request.url, ctx.selectors);
    ctx.rendering.compared(
      request.kind,
      httpReadingComplete(request.kind, served) &&
        readingsAgree(request.kind, served, outcome.reading),
    );
  }
  return outcome;
}
