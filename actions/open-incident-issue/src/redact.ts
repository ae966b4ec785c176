import { scrub } from '../../../shared/http/redact.js';

/**
 * `text` with everything secret replaced by `***` (the shared scrubber): the given secret forms,
 * URLs carrying credentials or secret query values, tokens by their shape, and `key=value` pairs
 * named like secrets. Used on everything this action posts to GitHub.
 */
export function redact(text: string, secrets: readonly string[]): string {
  return scrub(text, secrets);
}

/**
 * Untrusted text made safe to embed in an issue body: secrets removed, HTML comments defused so
 * no message can forge or hide this action's markers, and @mentions quoted so none notifies.
 */
export function untrusted(text: string, secrets: readonly string[]): string {
  return redact(text, secrets)
    .replaceAll('<!--', '&lt;!--')
    .replaceAll('-->', '--&gt;')
    .replace(/(^|[^\w`])@([A-Za-z0-9][\w-]*)/g, '$1`@$2`');
}

/** `text` inside a fenced code block whose fence no backtick run in `text` can close. */
export function codeBlock(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}
