/** GitHub's timestamp format: ISO 8601 in UTC without fractions. */
export function githubTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
