/**
 * Object keys that came from outside (scraped pages, API payloads) made safe to store: MongoDB
 * reads a leading `$` as an operator and a `.` as a path. They become the full-width look-alikes
 * `＄` (U+FF04) and `．` (U+FF0E), so the key stays readable and distinct keys stay distinct.
 * Values are never touched: a string such as `{"$gt": ""}` is stored as that string.
 */

/** The key with `$` and `.` replaced by their full-width forms. */
export function sanitizeKey(key: string): string {
  return key.replaceAll('$', '\uFF04').replaceAll('.', '\uFF0E');
}

/** A deep copy of `value` with the keys of every plain object sanitised; other values as they are. */
export function sanitizeKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => sanitizeKeys(item)) as T;
  if (value === null || typeof value !== 'object') return value;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    copy[sanitizeKey(key)] = sanitizeKeys(item);
  }
  return copy as T;
}
