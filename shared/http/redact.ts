/** Query parameters and header names whose values are secrets. */
const SECRET_NAME = /token|key|secret|passw|auth|sig|session|cookie|credential/i;

/** The mask that replaces a secret value. */
export const REDACTED = '***';

/**
 * The URL with secret query values (`token=`, `api_key=`, `signature=`, ...) and any
 * user:password part replaced by `***`, safe for messages and logs. An unparseable URL is
 * reduced to its part before `?`.
 */
export function redactUrl(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return String(url).split('?')[0] ?? '';
  }
  if (parsed.username !== '') parsed.username = REDACTED;
  if (parsed.password !== '') parsed.password = REDACTED;
  for (const name of [...new Set(parsed.searchParams.keys())]) {
    if (SECRET_NAME.test(name)) parsed.searchParams.set(name, REDACTED);
  }
  // URLSearchParams percent-encodes the mask; keep it readable.
  return parsed.toString().replaceAll(encodeURIComponent(REDACTED), REDACTED);
}

/** Values of headers whose names look secret (Authorization, X-Api-Key, Cookie, ...). */
export function secretHeaderValues(headers: Record<string, string> | undefined): string[] {
  return Object.entries(headers ?? {})
    .filter(([name, value]) => SECRET_NAME.test(name) && value.trim() !== '')
    .map(([, value]) => value.trim());
}

/** Secret query values of a URL (for scrubbing a server's echo of them from a body excerpt). */
export function secretQueryValues(url: string | URL): string[] {
  try {
    return [...new URL(url).searchParams]
      .filter(([name, value]) => SECRET_NAME.test(name) && value !== '')
      .map(([, value]) => value);
  } catch {
    return [];
  }
}

/** `text` with every occurrence of each secret replaced by `***`. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let scrubbed = text;
  for (const secret of secrets) {
    if (secret.length >= 4) scrubbed = scrubbed.replaceAll(secret, REDACTED);
  }
  return scrubbed;
}

/** Secrets that look like secrets wherever they appear, even when nobody passed them in. */
const TOKEN_SHAPE = /\b(?:gh[pousr]_[A-Za-z0-9_]{20,}|github_pat_[A-Za-z0-9_]{20,})\b/g;
const AUTH_HEADER =
  /\b(authorization|proxy-authorization)\s*[:=]\s*(?:bearer|token|basic)?\s*\S+/gi;
/** `password=...`, `"token": "..."`; not an input's name such as `'county-api-token': expected`. */
const SECRET_PAIR =
  /(?<![\w-])((?:api[_-]?key|token|secret|password|passwd|pwd)["']?\s*[:=]\s*["']?)[^\s"'&,;]+/gi;
const ANY_URL = /\b[a-z][a-z0-9+.-]*:\/\/[^\s<>)"'`]+/gi;

/**
 * The one scrubber for text that leaves the log (the `error` output, incident issues): the given
 * secret forms, URLs carrying credentials or secret query values, GitHub tokens by their shape,
 * `Authorization:` headers, and `key=value` pairs named like secrets, each replaced by `***`.
 */
export function scrub(text: string, secrets: readonly string[]): string {
  return scrubSecrets(text, secrets)
    .replace(ANY_URL, (url) => redactUrl(url))
    .replace(TOKEN_SHAPE, REDACTED)
    .replace(AUTH_HEADER, (_match, name: string) => `${name}: ${REDACTED}`)
    .replace(SECRET_PAIR, (_match, prefix: string) => `${prefix}${REDACTED}`);
}
