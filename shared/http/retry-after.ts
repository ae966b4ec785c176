/**
 * Parses a `Retry-After` header into a delay in milliseconds. The header is either a count of
 * seconds (`120`) or an HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`); a date in the past means
 * "now" (0). Anything unparseable gives `undefined`, so the caller falls back to its backoff.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // Date.parse accepts bare numbers and other loose forms; require something date-like.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
