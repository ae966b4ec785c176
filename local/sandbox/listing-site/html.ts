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
<link rel="stylesheet" href="/static/site.css">${head}</head>
<body><header><a href="/">Phoenix MLS Search</a></header><main>${body}</main>
<footer>Listing data deemed reliable but not guaranteed.</footer></body></html>`;
}

/** `389900` -> `389,900`. */
export function grouped(value: number): string {
  return value.toLocaleString('en-US');
}
