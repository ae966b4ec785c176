import type { ListingField, Selectors } from './selectors.js';

/** What one evaluation of a page returns: defences, links and the raw texts of the fields. */
export interface PageReading {
  /** Site key of a CAPTCHA widget, `''` when the widget has none; null without a widget. */
  captchaSiteKey: string | null;
  /** The page has an element only block pages have. */
  blockPage: boolean;
  /** Absolute URLs of listing links (result pages). */
  listingLinks: string[];
  /** What the result row of each listing link shows (same order as `listingLinks`). */
  resultRows: Array<{ url: string; price: string | null; status: string | null }>;
  /** Absolute URL of the next result page, or null. */
  nextPage: string | null;
  /** Raw text of each field found; missing fields are absent. */
  fields: Partial<Record<ListingField, string>>;
  /** Parsed `application/ld+json` blocks; unparseable ones are skipped. */
  jsonLd: unknown[];
}

// Plain JavaScript evaluated inside the page: kept as text so no bundler or transpiler helper
// can leak into it. It only reads the DOM: the same text reads a served page's parsed DOM
// (served-html.ts), so both ways of loading a page give one result.
const SOURCE = String.raw`(config) => {
  const text = (el) => (el ? (el.textContent || '').replace(/\s+/g, ' ').trim() : '');
  const first = (selectors) => {
    for (const s of selectors) { const el = document.querySelector(s); if (el) return el; }
    return null;
  };
  // Trailing colons and spaces cut by hand: /[:\s]+$/ rescans every run of them (quadratic).
  const norm = (s) => {
    let end = s.length;
    while (end > 0 && (s[end - 1] === ':' || s[end - 1].trim() === '')) end -= 1;
    return s.slice(0, end).replace(/\s+/g, ' ').trim().toLowerCase();
  };
  // Every label on the page, read once: the first element with a label's text wins, as it would
  // in a search per label. A label element is followed by its value; an "Label: value" item has both.
  let labels = null;
  const byLabel = (label) => {
    if (labels === null) {
      labels = { labelled: new Map(), listed: new Map() };
      for (const el of document.querySelectorAll('dt, th, .fact-label, [class*="label"]')) {
        const key = norm(text(el));
        if (el.nextElementSibling && !labels.labelled.has(key)) labels.labelled.set(key, el.nextElementSibling);
      }
      for (const el of document.querySelectorAll('li')) {
        const t = text(el); const i = t.indexOf(':');
        if (i <= 0) continue;
        const key = norm(t.slice(0, i));
        if (!labels.listed.has(key)) labels.listed.set(key, t.slice(i + 1).trim());
      }
    }
    const want = norm(label);
    const next = labels.labelled.get(want);
    if (next) return text(next);
    return labels.listed.has(want) ? labels.listed.get(want) : null;
  };
  const read = (strategy) => {
    if (strategy.label) return byLabel(strategy.label);
    const list = Array.isArray(strategy.css) ? strategy.css : [strategy.css];
    if (strategy.count) { const n = document.querySelectorAll(list[0]).length; return n > 0 ? String(n) : null; }
    const parts = [];
    for (const s of list) {
      const el = document.querySelector(s);
      if (!el) return null;
      parts.push(strategy.attr ? el.getAttribute(strategy.attr) || '' : text(el));
    }
    const joined = parts.join(', ').trim();
    return joined === '' ? null : joined;
  };
  const fields = {};
  for (const [field, strategies] of Object.entries(config.listing)) {
    for (const strategy of strategies) { const v = read(strategy); if (v !== null) { fields[field] = v; break; } }
  }
  const widget = first(config.captcha);
  const jsonLd = [];
  for (const el of document.querySelectorAll('script[type="application/ld+json"]')) {
    try { jsonLd.push(JSON.parse(el.textContent || '')); } catch (e) { /* skipped */ }
  }
  const links = [];
  const rows = [];
  const inRow = (row, selectors) => {
    for (const s of selectors) { const el = row.querySelector(s); if (el) return text(el) || null; }
    return null;
  };
  for (const s of config.results.listingLink) {
    for (const a of document.querySelectorAll(s)) {
      if (!a.href || links.includes(a.href)) continue;
      links.push(a.href);
      const row = a.closest(config.results.row.join(', '));
      rows.push({
        url: a.href,
        price: row ? inRow(row, config.results.price) : null,
        status: row ? inRow(row, config.results.status) : null,
      });
    }
    if (links.length > 0) break;
  }
  const next = first(config.results.nextPage);
  return {
    captchaSiteKey: widget ? widget.getAttribute('data-sitekey') || '' : null,
    blockPage: first(config.blockPage) !== null,
    listingLinks: links,
    resultRows: rows,
    nextPage: next && next.href ? next.href : null,
    fields,
    jsonLd,
  };
}`;

/** The page reader's source, a function of the selectors that reads the global `document`. */
export const PAGE_READER_SOURCE = SOURCE;

/** The expression that reads a page with `selectors`, for `page.evaluate`. */
export function pageReadingScript(selectors: Selectors): string {
  return `(${SOURCE})(${JSON.stringify(selectors)})`;
}
