import type { Route } from 'playwright-core';
import { isPrivateAddress, onSite, type SiteScope } from './admit-url.js';

/**
 * URL patterns never loaded: style sheets, images, fonts and media cost time and proxy traffic and
 * carry no listing data (the page reader reads `textContent`, which no style changes). Blocked
 * inside Chromium (images are also off by launch flag): routing every request through
 * Playwright's interception would cost a round trip per request. Scripts load: a page may need
 * them to render its data.
 */
export const BLOCKED_URLS = [
  '*.css',
  '*.jpg',
  '*.jpeg',
  '*.png',
  '*.gif',
  '*.webp',
  '*.avif',
  '*.svg',
  '*.ico',
  '*.woff',
  '*.woff2',
  '*.ttf',
  '*.otf',
  '*.eot',
  '*.mp4',
  '*.webm',
  '*.m3u8',
  '*.mp3',
  '*.ogg',
];
/**
 * What a page may make the browser request: documents (pages, frames) of the site only, and no
 * resource on a private, loopback or link-local address but the site's own. Anything else is
 * aborted before it leaves the browser. A redirect is not routed: the crawl checks where a page
 * ended up instead (see visit.ts).
 */
export async function guard(route: Route, scope: SiteScope): Promise<void> {
  const request = route.request();
  const url = request.url();
  let allowed = onSite(url, scope);
  if (!allowed && request.resourceType() !== 'document') {
    try {
      const parsed = new URL(url);
      // data: and blob: never leave the browser; public http(s) resources (a CDN's script) may load.
      allowed =
        parsed.protocol === 'data:' ||
        parsed.protocol === 'blob:' ||
        ((parsed.protocol === 'http:' || parsed.protocol === 'https:') &&
          !isPrivateAddress(parsed.hostname));
    } catch {
      allowed = false;
    }
  }
  // The context may be closing (an abandoned page): its routes fail, which is of no concern.
  await (allowed ? route.continue() : route.abort('blockedbyclient')).catch(() => undefined);
}
