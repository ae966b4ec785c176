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
    .replace(/[\\`*_[\](){}#|!~]/g, '\\$&')
    .replace(/[&<>"']/g, (char) => ENTITIES[char]!)
    .replace(/@(?=\w)/g, '@\u200b');
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
