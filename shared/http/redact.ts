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
