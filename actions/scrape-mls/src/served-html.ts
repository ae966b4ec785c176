import { parseHTML } from 'linkedom';
import { PAGE_READER_SOURCE, type PageReading } from './page-script.js';
import type { Selectors } from './selectors.js';

/** What this file uses of linkedom's DOM (its types lean on the DOM library, not loaded here). */
interface ServedElement {
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
}
interface ServedDocument {
  querySelector(selectors: string): ServedElement | null;
  querySelectorAll(selectors: string): Iterable<ServedElement>;
}
type Reader = (document: ServedDocument) => (selectors: Selectors) => PageReading;

// The browser's page reader, bound to a document of our choosing instead of the window's. Made
// from our own constant source text, never from anything a page sent.
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const reader = new Function('document', `return (${PAGE_READER_SOURCE});`) as Reader;

/**
 * Reads a page as served (HTML over plain HTTP, no script run) with the very code the browser
 * runs on the rendered DOM (`page-script.ts`), over linkedom's DOM of the HTML: the selectors
 * file and JSON-LD give the same fields either way for a page that carries its data in the HTML.
 * Links come back absolute, resolved against the page's `<base href>` and URL as a browser does.
 */
export function readServedHtml(html: string, url: string, selectors: Selectors): PageReading {
  const { document } = parseHTML(html) as unknown as { document: ServedDocument };
  const base = baseUrl(document, url);
  // linkedom's `a.href` is the attribute as written; a browser's is resolved.
  for (const anchor of document.querySelectorAll('a[href]')) {
    const href = anchor.getAttribute('href') ?? '';
    const resolved = URL.parse(href.trim(), base);
    if (resolved !== null) anchor.setAttribute('href', resolved.href);
  }
  // Plain data across the boundary, as page.evaluate returns it.
  return JSON.parse(JSON.stringify(reader(document)(selectors))) as PageReading;
}

function baseUrl(document: ServedDocument, url: string): string {
  const declared = document.querySelector('base[href]')?.getAttribute('href');
  if (!declared) return url;
  return URL.parse(declared.trim(), url)?.href ?? url;
}
