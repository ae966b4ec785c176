/** How a runner turns a value into an input or environment string (objects as JSON). */
export function asString(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}

/** Whether an `if:` result lets the job or step run (GitHub's falsy values are JavaScript's). */
export function truthy(value: unknown): boolean {
  return Boolean(value) && !(typeof value === 'number' && Number.isNaN(value));
}

/** A mapping's values as strings (an evaluated `env:`, `with:` or `outputs:`); nothing else gives `{}`. */
export function stringMap(value: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) result[key] = asString(item);
  }
  return result;
}

/** A `timeout-minutes` value in milliseconds; a missing or invalid one is `fallback` minutes. */
export function minutes(value: unknown, fallback: number): number {
  const number = Number(value);
  return (Number.isFinite(number) && number > 0 ? number : fallback) * 60_000;
}
