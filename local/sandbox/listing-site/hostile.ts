import { escapeHtml as e } from './html.js';
import type { SandboxListing } from './listings.js';

/**
 * The hostile site (option `hostile`): what a listing site under someone else's control could
 * serve a crawler. Result pages link off the site (another host, `file:`, cloud metadata, a
 * private address, `javascript:`) and pull resources from there; the first listing of a ZIP has
 * a 200 kB description made of the strings that make naive patterns backtrack; the second has
 * a script that never yields; the third redirects to the same page under another origin (the
 * site on a second port), as a page sending the crawler elsewhere would.
 */

/** Options of the hostile site. */
export interface HostileOptions {
  /** An origin other than the site's (a trap server on 127.0.0.2): links and resources point there. */
  offSiteUrl: string;
}

/** What a listing is on the hostile site, by its place in the ZIP's search. */
export type HostileRole = 'adversarial-description' | 'never-yields' | 'redirects-off-site' | null;

const ROLES: HostileRole[] = ['adversarial-description', 'never-yields', 'redirects-off-site'];

/** The role of the listing at `position` (0 = first) of a ZIP's search. */
export function hostileRole(position: number): HostileRole {
  return ROLES[position] ?? null;
}

/** About 200 kB of text that makes patterns with overlapping quantifiers backtrack. */
export function adversarialDescription(): string {
  const run = 25_000;
  return [
    `${'9'.repeat(run)}x`,
    `$${'9'.repeat(run)}Kx`,
    '1,'.repeat(run / 2),
    `hoa $1${' '.repeat(run)}x`,
    'a-'.repeat(run / 2),
    'pool '.repeat(run / 5),
    'a'.repeat(run),
    `${':'.repeat(run)}x`,
  ].join(' ');
}

/** The listing as the hostile site shows it (the truth tests compare against). */
export function hostileListing(listing: SandboxListing, role: HostileRole): SandboxListing {
  return role === 'adversarial-description'
    ? { ...listing, description: adversarialDescription() }
    : listing;
}

/**
 * A script that never yields: the page's own `querySelector` (which the crawler's reading calls)
 * loops forever, and so does a task queued once the document is parsed.
 */
export const NEVER_YIELDS_SCRIPT =
  'Document.prototype.querySelector = Document.prototype.querySelectorAll = function () { for (;;) {} };' +
  " addEventListener('DOMContentLoaded', () => setTimeout(() => { for (;;) {} }, 0));";

/** The off-site links of a result page, as result rows the selectors read as listings. */
export function hostileRows(offSiteUrl: string): string {
  const links = [
    `${offSiteUrl}/listing/6319999990`,
    'file:///etc/passwd',
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.1/',
    'javascript:alert(1)',
  ];
  return links
    .map(
      (href) =>
        `<li class="result"><a class="listing-link" href="${e(href)}">Too good to be true</a> <span class="result-price">$1</span></li>`,
    )
    .join('');
}

/** Resources a result page pulls from off the site: an image, a frame and a script's fetch. */
export function hostileResources(offSiteUrl: string): string {
  return `<img src="${e(offSiteUrl)}/pixel" alt=""><iframe src="${e(offSiteUrl)}/frame"></iframe>
<script>fetch(${JSON.stringify(`${offSiteUrl}/fetch`)}).catch(() => undefined);</script>`;
}

/** A next link off the site, on the last result page (where the site has no next page). */
export function hostileNext(offSiteUrl: string, zip: string, pageNumber: number): string {
  return `<a class="next" rel="next" href="${e(offSiteUrl)}/search?zip=${zip}&amp;page=${pageNumber + 1}">Next</a>`;
}
