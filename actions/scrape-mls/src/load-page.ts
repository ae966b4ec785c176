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

/** A page's outcome and how it was loaded in the end. */
export interface LoadedPage {
  via: RenderMode;
  outcome: VisitOutcome;
}

/**
 * Loads one page the way the rendering plan says for its type, and tells the plan what it saw.
 *
 * Over plain HTTP, a page whose reading falls short (a CAPTCHA widget, a block page, or an
 * incomplete reading: a page that needs its script) is loaded again in the browser, which decides;
 * an incomplete one also sends its type back to the browser. A recheck loads a good HTTP page in
 * the browser as well and compares. In the browser, the served HTML of the very response is read
 * too (no second request) and compared: agreements move the type towards HTTP. The browser's
 * outcome is the truth whenever both were read. `rendering: http` never falls back except for a
 * CAPTCHA, which only a browser can pass.
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
  if (plan.mode === 'browser')
    return {
      via: 'browser',
      outcome: await inBrowser(ctx, session, request, stats, abandon, true),
    };
  const fetched = await fetchServedPage(session.http, request.url, ctx.selectors, {
    timeoutMs: ctx.navigationTimeoutMs,
    scope: ctx.scope,
    proxied: session.proxy !== null,
  });
  stats.loads.http += 1;
  ctx.sessions.countHttp(session, fetched.bytes);
  const outcome: VisitOutcome = fetched;
  const shortfall = shortfallOf(type, outcome);
  const forced = ctx.rendering.setting === 'http';
  if (shortfall === null ? !plan.recheck : forced && shortfall !== 'captcha')
    return { via: 'http', outcome };
  if (shortfall !== null) {
    ctx.rendering.fellShort(type, shortfall);
    ctx.logger.debug(`${request.url}: ${shortfall} over HTTP; loading it in the browser`);
  }
  // A second request to the site for this page: it waits its turn as any page does.
  await ctx.limiter.acquire(ctx.stop);
  const browsed = await inBrowser(ctx, session, request, stats, abandon, false);
  if (shortfall === null && outcome.kind === 'ok' && browsed.kind === 'ok')
    ctx.rendering.compared(type, readingsAgree(type, outcome.reading, browsed.reading));
  return { via: 'browser', outcome: browsed };
}

/** Why an HTTP outcome cannot stand for the page, or null when it can. */
function shortfallOf(type: QueuedRequest['kind'], outcome: VisitOutcome): HttpShortfall | null {
  if (outcome.kind === 'captcha') return 'captcha';
  if (outcome.kind === 'blocked') return 'blocked';
  if (outcome.kind === 'ok' && !httpReadingComplete(type, outcome.reading)) return 'incomplete';
  return null;
}

/** Loads the page in the session's browser page, passes CAPTCHAs, and compares its served HTML. */
async function inBrowser(
  ctx: CrawlContext,
  session: Session,
  request: QueuedRequest,
  stats: CrawlStats,
  abandon: AbortSignal,
  learn: boolean,
): Promise<VisitOutcome> {
  const page = await ctx.sessions.page(session);
  stats.loads.browser += 1;
  let outcome = await visitPage(page, request.url, ctx.selectors, {
    scope: ctx.scope,
    timeoutMs: ctx.navigationTimeoutMs,
    pageTimeoutMs: ctx.pageTimeoutMs,
    proxied: session.proxy !== null,
  });
  if (outcome.kind === 'captcha')
    outcome = await passCaptchas(ctx, session, page, outcome, stats, abandon);
  // What the page set (a CAPTCHA passed, a cookie refreshed) holds for plain HTTP from now on.
  await ctx.sessions.browsed(session);
  if (learn && outcome.kind === 'ok' && ctx.rendering.setting === 'adaptive') {
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
