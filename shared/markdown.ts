/**
 * Untrusted text (a county response, a scraped page, a model reply, an error quoting either)
 * made inert in a job summary or an issue body, both of which render Markdown with HTML: on one
 * line, at most `maxLength` characters, Markdown punctuation backslash-escaped so it cannot make
 * links, images, code or tables, HTML characters as entities so it cannot make tags, and `@` kept
 * from mentioning anyone by a zero-width space.
 */
export function markdownText(text: string, maxLength = 1000): string {
  const line = text.replace(/\r\n|\r|\n/g, ' ');
  const cut = line.length > maxLength ? `${line.slice(0, maxLength - 1)}…` : line;
  return cut
    .replace(/[\\`*[\]|]/g, '\\$&')
    .replace(/^#/, '\\#')
    .replace(/[&<>]/g, (char) => ENTITIES[char]!)
    .replace(/@(?=\w)/g, '@\u200b');
}

// `_` inside words (MONGODB_URI, phx_property) makes no emphasis in GitHub's Markdown: left as is.
// With `<` escaped no tag can open, so quotes need no entity; with `[` and `]` escaped no link
// or image can form, so parentheses need no escape.
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
