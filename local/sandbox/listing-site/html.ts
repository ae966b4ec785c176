/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A whole page with the site's chrome around `body`. */
export function page(title: string, body: string, head = ''): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/static/site.css"><script src="/static/app.js" defer></script>${head}</head>
<body><header><a href="/">Phoenix MLS Search</a></header><main>${body}</main>
<footer>Listing data deemed reliable but not guaranteed.</footer></body></html>`;
}

/** `389900` -> `389,900`. */
export function grouped(value: number): string {
  return value.toLocaleString('en-US');
}

/**
 * What the site serves for an asset path: a listing site's page pulls a script bundle and a style
 * sheet of the sizes such sites ship (hundreds of kB of script, tens of kB of style; the scraper's
 * browser routes every request, which turns Chromium's cache off, so each page loads them again),
 * photos and fonts (blocked by the scraper). Blank content: only the bytes matter.
 */
export function assetOf(path: string): { bytes: number; type: string } {
  if (path.endsWith('.js')) return { bytes: 300_000, type: 'text/javascript' };
  if (path.endsWith('.css')) return { bytes: 60_000, type: 'text/css' };
  if (path.endsWith('.jpg')) return { bytes: 2048, type: 'image/jpeg' };
  return { bytes: 2048, type: 'application/octet-stream' };
}
