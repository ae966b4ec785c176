import { compile, is, selectAll, selectOne } from 'css-select';
import { isTag, type Document, type Element } from 'domhandler';
import { nextElementSibling, textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';
import { PAGE_READER_SOURCE, type PageReading } from './page-script.js';
import type { Selectors } from './selectors.js';

type Query = ReturnType<typeof compile<Element, Element>>;
type Reader = (document: ServedNode) => (selectors: Selectors) => PageReading;

// The browser's page reader, bound to a document of our choosing instead of the window's. Made
// from our own constant source text, never from anything a page sent.
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const reader = new Function('document', `return (${PAGE_READER_SOURCE});`) as Reader;

// Compiled once per selector text: the selectors file's few dozen, and the reader's own.
const compiled = new Map<string, Query>();
function query(selector: string): Query {
  let found = compiled.get(selector);
  if (found === undefined) {
    found = compile<Element, Element>(selector);
    compiled.set(selector, found);
  }
  return found;
}

/**
 * The part of the DOM the page reader uses (`page-script.ts`), over htmlparser2's tree of the
 * served HTML, with css-select matching selectors: querySelector(All), closest, textContent,
 * nextElementSibling, getAttribute, and `href` resolved against the document's base as a browser
 * resolves it. Nothing else: a reader change that needs more fails here, in the tests, at once.
 */
class ServedNode {
  constructor(
    readonly node: Element | Document,
    readonly base: string,
  ) {}

  querySelector(selector: string): ServedNode | null {
    const found = selectOne(query(selector), this.node);
    return found ? new ServedNode(found, this.base) : null;
  }

  querySelectorAll(selector: string): ServedNode[] {
    return selectAll(query(selector), this.node).map((found) => new ServedNode(found, this.base));
  }

  closest(selector: string): ServedNode | null {
    const test = query(selector);
    for (let at: Element['parent'] = this.node; at !== null && isTag(at); at = at.parent)
      if (is(at, test)) return new ServedNode(at, this.base);
    return null;
  }

  get textContent(): string | null {
    return isTag(this.node) ? textContent(this.node) : null;
  }

  get nextElementSibling(): ServedNode | null {
    const next = isTag(this.node) ? nextElementSibling(this.node) : null;
    return next ? new ServedNode(next, this.base) : null;
  }

  getAttribute(name: string): string | null {
    return isTag(this.node) ? (this.node.attribs[name.toLowerCase()] ?? null) : null;
  }

  /** A link's target as a browser gives it: resolved, or as written when it cannot be. */
  get href(): string | undefined {
    if (!isTag(this.node) || (this.node.name !== 'a' && this.node.name !== 'area'))
      return undefined;
    const written = this.node.attribs['href'];
    if (written === undefined) return '';
    return URL.parse(written.trim(), this.base)?.href ?? written;
  }
}

/**
 * Reads a page as served (HTML over plain HTTP, no script run) with the very code the browser
 * runs on the rendered DOM (`page-script.ts`), over htmlparser2's tree of the HTML: the selectors
 * file and JSON-LD give the same fields either way for a page that carries its data in the HTML.
 * Links come back absolute, resolved against the page's `<base href>` and URL as a browser does.
 */
export function readServedHtml(html: string, url: string, selectors: Selectors): PageReading {
  const document = parseDocument(html);
  const reading = reader(new ServedNode(document, baseUrl(document, url)))(selectors);
  // Plain data across the boundary, as page.evaluate returns it.
  return JSON.parse(JSON.stringify(reading)) as PageReading;
}

function baseUrl(document: Document, url: string): string {
  const declared = selectOne<Element | Document, Element>(query('base[href]'), document)?.attribs[
    'href'
  ];
  if (!declared) return url;
  return URL.parse(declared.trim(), url)?.href ?? url;
}
