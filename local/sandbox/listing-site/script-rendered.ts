/** How the site delivers a page type: its data in the served HTML, or put there by a script. */
export type Rendering = 'server' | 'script';

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
  const ldJson = html.match(LD_JSON) ?? [];
  const withoutLd = html.replace(LD_JSON, '');
  const main = MAIN.exec(withoutLd);
  if (!main) return html;
  const content = `${main[1] ?? ''}${ldJson.join('')}`;
  // As JSON inside a script: `<` escaped so the content cannot end the script early.
  const payload = JSON.stringify(content).replace(/</g, '\\u003c');
  const script = `<script>document.getElementById('app').innerHTML = ${payload};</script>`;
  return withoutLd.replace(main[0], `<main id="app"></main>${script}`);
}
