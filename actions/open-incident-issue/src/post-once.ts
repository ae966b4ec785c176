import { randomBytes } from 'node:crypto';
import { GitHubNoAnswer } from '../../../shared/github/client.js';
import type { Logger } from '../../../shared/logger.js';

const POST_MARK = /<!-- phx-post:([0-9a-f]{16}) -->/;

/** A hidden marker naming one write, so that the issue or comment it made can be found again. */
export function newPostMark(): string {
  return `<!-- phx-post:${randomBytes(8).toString('hex')} -->`;
}

/** The write marker in `body`, or undefined. */
export function readPostMark(body: string | null | undefined): string | undefined {
  const id = POST_MARK.exec(body ?? '')?.[1];
  return id === undefined ? undefined : `<!-- phx-post:${id} -->`;
}

/**
 * Sends a creating POST whose body carries `mark`, at most twice: when GitHub's answer is lost
 * (5xx, timeout, network; the issue or comment may exist all the same), it first looks for what
 * carries the mark (`find`), and sends again only when nothing does. So a lost answer never
 * makes a duplicate issue or comment.
 */
export async function postOnce<T>(options: {
  what: string;
  send: () => Promise<T>;
  find: () => Promise<T | undefined>;
  logger: Logger;
}): Promise<T> {
  try {
    return await options.send();
  } catch (error) {
    if (!(error instanceof GitHubNoAnswer)) throw error;
    options.logger.info(
      `${options.what}: ${error.message}; looking for it before sending it again`,
    );
    const found = await options.find();
    if (found !== undefined) {
      options.logger.info(`${options.what}: GitHub did it; not sending it again`);
      return found;
    }
    return options.send();
  }
}
