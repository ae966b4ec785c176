import { escapeHtml as e, page } from './html.js';
import { hostileNext, hostileResources, hostileRows, type HostileOptions } from './hostile.js';
import type { SandboxListing } from './listings.js';

/** Result rows per page. */
export const RESULTS_PER_PAGE = 10;

/** The home page: a search form by ZIP. */
export function searchFormPage(): string {
  return page(
    'Phoenix MLS Search',
    `<form id="search" action="/search" method="get"><label>ZIP <input name="zip" pattern="\\d{5}"></label>
<button type="submit">Search</button></form>`,
  );
}

/**
 * One page of search results with links to listings and a next link while there are more; on
 * the hostile site, the first page also links and reaches off the site, and the last links on.
 */
export function resultsPage(
  zip: string,
  pageNumber: number,
  listings: readonly SandboxListing[],
  hostile?: HostileOptions,
): string {
  const start = (pageNumber - 1) * RESULTS_PER_PAGE;
  const rows = listings
    .slice(start, start + RESULTS_PER_PAGE)
    .map(
      (listing) =>
        `<li class="result" data-mls="${listing.mlsNumber}"><a class="listing-link" href="/listing/${listing.mlsNumber}">${e(listing.streetLine)}</a> <span class="result-price">$${listing.listPrice}</span><img src="/photos/${listing.mlsNumber}/1.jpg" alt=""></li>`,
    );
  const last = start + RESULTS_PER_PAGE >= listings.length;
  const next = !last
    ? `<a class="next" rel="next" href="/search?zip=${zip}&amp;page=${pageNumber + 1}">Next</a>`
    : hostile
      ? hostileNext(hostile.offSiteUrl, zip, pageNumber)
      : '';
  const first = hostile && pageNumber === 1;
  if (first) rows.push(hostileRows(hostile.offSiteUrl));
  return page(
    `Homes for sale in ${zip}`,
    `<h1>${listings.length} homes for sale in ${zip}</h1><ol class="results">${rows.join('')}</ol><nav class="pager">${next}</nav>${first ? hostileResources(hostile.offSiteUrl) : ''}`,
  );
}

/** A reCAPTCHA v2-style challenge: the widget with its site key and a form that posts the token back. */
export function challengePage(siteKey: string, returnTo: string): string {
  return page(
    'Just a moment...',
    `<h1>Please confirm you are a human</h1>
<form id="challenge-form" action="/challenge/verify" method="post">
<div class="g-recaptcha" data-sitekey="${e(siteKey)}"></div>
<textarea id="g-recaptcha-response" name="g-recaptcha-response" style="display:none"></textarea>
<input type="hidden" name="return" value="${e(returnTo)}"><button type="submit">Continue</button></form>`,
    '<script src="/recaptcha/api.js" async defer></script>',
  );
}

/** A Cloudflare-like block page, served with 403. */
export function blockPage(rayId: string): string {
  return page(
    'Access denied | Phoenix MLS Search',
    `<div id="cf-error-details"><h1>Access denied</h1><p>Error 1020</p>
<p>You do not have access to this site. Ray ID: <code>${e(rayId)}</code></p></div>`,
  );
}

/** The rate-limit page, served with 429. */
export function tooManyRequestsPage(): string {
  return page(
    '429 Too Many Requests',
    '<h1>Too Many Requests</h1><p>Slow down and try again later.</p>',
  );
}

/** The page of a site that is down, served with a 5xx. */
export function unavailablePage(): string {
  return page('503 Service Unavailable', '<h1>Service Unavailable</h1><p>Try again later.</p>');
}

/** A 404 page. */
export function notFoundPage(): string {
  return page('Not found', '<h1>Listing not found</h1><p>It may have left the market.</p>');
}
