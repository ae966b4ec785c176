/** How a runner turns a value into an input or environment string (objects as JSON). */
export function asString(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}

/** Whether an `if:` result lets the job or step run (GitHub's falsy values are JavaScript's). */
export function truthy(value: unknown): boolean {
  return Boolean(value) && !(typeof value === 'number' && Number.isNaN(value));
}
