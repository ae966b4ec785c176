/** Markup that is already safe: built by `html` or from trusted constants. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

function fragment(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(fragment).join('');
  if (value === null || value === undefined || value === false) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return escapeHtml(typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));
}

/**
 * Template tag that escapes every interpolated value unless it is SafeHtml (or an array of
 * them): data can never become markup, whatever a listing page put in it.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += fragment(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Marks trusted markup (an SVG vega rendered, a constant) as safe. */
export const trusted = (markup: string): SafeHtml => new SafeHtml(markup);
