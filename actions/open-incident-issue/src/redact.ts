import { REDACTED, redactUrl, scrubSecrets } from '../../../shared/http/redact.js';

/** Secrets that look like secrets wherever they appear, even when nobody passed them in. */
const SECRET_SHAPES: RegExp[] = [
  /\b(?:gh[pousr]_[A-Za-z0-9_]{20,}|github_pat_[A-Za-z0-9_]{20,})\b/g,
  /\b(authorization|proxy-authorization)\s*[:=]\s*(?:bearer|token|basic)?\s*\S+/gi,
  /\b((?:api[_-]?key|token|secret|password|passwd|pwd)["']?\s*[:=]\s*["']?)[^\s"'&,;]+/gi,
];

/**
 * `text` with everything secret replaced by `***`: the given secret values, URLs carrying
 * credentials or secret query values, tokens by their shape, and `key=value` pairs named like
 * secrets. Used on everything this action posts to GitHub.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let clean = scrubSecrets(text, secrets);
  clean = clean.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s<>)"'`]+/gi, (url) => redactUrl(url));
  clean = clean.replace(SECRET_SHAPES[0]!, REDACTED);
  clean = clean.replace(SECRET_SHAPES[1]!, (_match, name: string) => `${name}: ${REDACTED}`);
  clean = clean.replace(SECRET_SHAPES[2]!, (_match, prefix: string) => `${prefix}${REDACTED}`);
  return clean;
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
