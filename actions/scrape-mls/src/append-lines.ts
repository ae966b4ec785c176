import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * A file that lines are appended to as things happen, held open: one write per append instead of
 * an open, a write and a close (`appendFile`) each time, which on a night of thousands of pages
 * over plain HTTP costs more than reading a page. Each append is written at once, in call order,
 * with a synchronous `write` to the open file: a few microseconds for a line into the operating
 * system's cache, against some thirty for the same write handed to libuv's thread pool and
 * awaited (measured here, 1.5 kB lines), and the scraper makes two or three per page. A killed
 * process loses nothing an append said was written: the line is the operating system's before
 * the append resolves.
 */
export class AppendLines {
  #fd: number | null = null;

  constructor(readonly path: string) {}

  /** Appends `line` (with its newline) after every earlier append; rejects if it cannot be written. */
  // eslint-disable-next-line @typescript-eslint/require-await -- a failed write rejects, never throws
  async append(line: string): Promise<void> {
    this.#fd ??= openSync(this.path, 'a');
    const bytes = Buffer.from(line);
    // A regular file takes the whole write; the loop covers a short one all the same.
    for (let at = 0; at < bytes.length;) at += writeSync(this.#fd, bytes, at, bytes.length - at);
  }

  /** Closes the file; a later append opens it again. */
  // eslint-disable-next-line @typescript-eslint/require-await -- a failed close rejects, never throws
  async close(): Promise<void> {
    const fd = this.#fd;
    this.#fd = null;
    if (fd !== null) closeSync(fd);
  }
}
