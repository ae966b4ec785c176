import { open, type FileHandle } from 'node:fs/promises';

interface Waiting {
  line: string;
  written: () => void;
  failed: (error: unknown) => void;
}

/**
 * A file that lines are appended to as things happen, held open: one write per line instead of an
 * open, a write and a close (`appendFile`) each time, which on a night of thousands of pages over
 * plain HTTP costs more than reading a page. Lines appended while a write is under way go out
 * together in the next write (sessions finish pages at once). Writes go one after another in call
 * order, each line handed to the operating system before its append resolves: a killed process
 * loses nothing an append said was written.
 */
export class AppendLines {
  #handle: Promise<FileHandle> | null = null;
  readonly #waiting: Waiting[] = [];
  #writing: Promise<void> | null = null;

  constructor(readonly path: string) {}

  /** Appends `line` (with its newline) after every earlier append. */
  append(line: string): Promise<void> {
    return new Promise((written, failed) => {
      this.#waiting.push({ line, written, failed });
      this.#writing ??= this.#drain();
    });
  }

  /** Writes what waits, all of it at a time, until nothing does. A failed write fails its lines only. */
  async #drain(): Promise<void> {
    while (this.#waiting.length > 0) {
      const lines = this.#waiting.splice(0);
      try {
        this.#handle ??= open(this.path, 'a');
        await (await this.#handle).write(lines.map((waiting) => waiting.line).join(''));
        for (const waiting of lines) waiting.written();
      } catch (error) {
        for (const waiting of lines) waiting.failed(error);
      }
    }
    this.#writing = null;
  }

  /** Waits for the appends under way and closes the file; a later append opens it again. */
  async close(): Promise<void> {
    await this.#writing;
    const handle = this.#handle;
    this.#handle = null;
    if (handle) await (await handle).close();
  }
}
