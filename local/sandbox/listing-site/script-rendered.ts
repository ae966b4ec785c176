/**
 * How the site delivers a page type: its data in the served HTML, or put there by a script; or
 * (listing pages) `revised`: the served HTML carries a cached copy of the listing, a week old, and a
 * script puts the current one in its place, as a site whose pages are cached in front of its
 * listing service does. Only a browser reads the current listing.
 */
export type Rendering = 'server' | 'script' | 'revised';

/** The page types whose rendering can be switched. */
export type RenderedKind = 'search' | 'listing';

const LD_JSON = /<script type="application\/ld\+json">[\s\S]*?<\/script>/g;
const MAIN = /<main>([\s\S]*)<\/main>/;

/**
 * The same page, delivered the way a single-page app does: the served HTML has the site's chrome
 * and an empty `<main>`; a script puts the content (JSON-LD included) there once it runs. A
 * reader of the served HTML finds no listing data; a browser finds exactly what the server-rendered
 * page shows.
 */
export function renderedByScript(html: string): string {
  const page = parts(html);
  if (!page) return html;
  return page.withoutLd.replace(page.main, `<main id="app"></main>${fill(page.content)}`);
}

/**
 * A listing page whose served HTML shows `cached` (the same page rendered from an older copy of
 * the listing) and whose script puts `current` in its place: both read complete, and they differ.
 */
export function revisedByScript(cached: string, current: string): string {
  const old = parts(cached);
  const now = parts(current);
  if (!old || !now) return current;
  return old.withoutLd.replace(
    old.main,
    `<main id="app">${old.content}</main>${fill(now.content)}`,
  );
}

/** A page's `<main>` element, and its content with the page's JSON-LD moved into it. */
function parts(html: string): { withoutLd: string; main: string; content: string } | null {
  const ldJson = html.match(LD_JSON) ?? [];
  const withoutLd = html.replace(LD_JSON, '');
  const main = MAIN.exec(withoutLd);
  if (!main) return null;
  return { withoutLd, main: main[0], content: `${main[1] ?? ''}${ldJson.join('')}` };
}

/** The script that puts `content` into the `app` element once it runs. */
function fill(content: string): string {
  // As JSON inside a script: `<` escaped so the content cannot end the script early.
  const payload = JSON.stringify(content).replace(/</g, '\\u003c');
  return `<script>document.getElementById('app').innerHTML = ${payload};</script>`;
}
