import { open, type FileHandle } from 'node:fs/promises';

/**
 * A file that lines are appended to as things happen, held open: one write per line instead of an
 * open, a write and a close (`appendFile`) each time, which on a night of thousands of pages over
 * plain HTTP costs more than reading a page. Writes go one after another in call order, each
 * handed to the operating system before it resolves: a killed process loses nothing written.
 */
export class AppendLines {
  #handle: Promise<FileHandle> | null = null;
  #last: Promise<unknown> = Promise.resolve();

  constructor(readonly path: string) {}

  /** Appends `line` (with its newline) after every earlier append. */
  append(line: string): Promise<void> {
    const written = this.#last.then(async () => {
      this.#handle ??= open(this.path, 'a');
      await (await this.#handle).write(line);
    });
    // A failed write fails its caller; the next append still runs.
    this.#last = written.catch(() => undefined);
    return written;
  }

  /** Waits for the appends under way and closes the file; a later append opens it again. */
  async close(): Promise<void> {
    await this.#last;
    const handle = this.#handle;
    this.#handle = null;
    if (handle) await (await handle).close();
  }
}
