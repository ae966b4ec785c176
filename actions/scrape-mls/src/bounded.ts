import type { Page } from 'playwright-core';

/**
 * Waits on a page that may never answer. `page.evaluate` and `page.content` have no timeout of
 * their own: a page whose script never yields (`for (;;) {}`) holds them forever, and the crawl
 * with them. Each wait here races a timer; the caller abandons the page (closes its context).
 */

/** A page did not answer in time: its script holds the renderer, or it hangs otherwise. */
export class PageUnresponsiveError extends Error {
  constructor(
    readonly what: string,
    readonly timeoutMs: number,
  ) {
    super(
      `the page did not answer ${what} within ${timeoutMs / 1000} s (a script that never yields?)`,
    );
    this.name = 'PageUnresponsiveError';
  }
}

/** `work`, or a PageUnresponsiveError naming `what` after `timeoutMs`; the timer never outlives it. */
export async function within<T>(work: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PageUnresponsiveError(what, timeoutMs)), timeoutMs);
  });
  // The loser of the race must not become an unhandled rejection once the page is closed.
  work.catch(() => undefined);
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** `page.evaluate` of an expression, bounded. */
export function evaluateWithin<T>(page: Page, expression: string, timeoutMs: number): Promise<T> {
  return within(page.evaluate<T>(expression), timeoutMs, 'page.evaluate');
}

/** `page.content()`, bounded. */
export function contentWithin(page: Page, timeoutMs: number): Promise<string> {
  return within(page.content(), timeoutMs, 'page.content');
}
