/** A fetch failure in a few words: the code of its cause (ECONNREFUSED, ENOTFOUND) or a timeout. */
export function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  if (cause?.code) return cause.code;
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError'))
    return 'no answer in time';
  return error instanceof Error ? error.name : 'network error';
}
