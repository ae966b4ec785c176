import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { contentWithin } from './bounded.js';

/**
 * Keeps HTML and a screenshot of the first `limit` failed pages of a shard, named
 * `<n>-<reason>.html|png`, so a broken selector or a new defence can be seen after the run.
 */
export class FailureSnapshots {
  #taken = 0;

  constructor(
    readonly dir: string,
    readonly limit: number,
  ) {}

  /** Snapshots kept earlier in the folder (a resumed run keeps counting from there). */
  static async open(dir: string, limit: number): Promise<FailureSnapshots> {
    await mkdir(dir, { recursive: true });
    const snapshots = new FailureSnapshots(dir, limit);
    snapshots.#taken = (await readdir(dir)).filter((name) => name.endsWith('.html')).length;
    return snapshots;
  }

  /**
   * Saves the page unless the limit is reached; never throws (a snapshot is a nicety) and never
   * waits on the page longer than `timeoutMs` for each of its HTML and its screenshot.
   */
  async take(page: Page, reason: string, timeoutMs = 10_000): Promise<void> {
    const base = this.#next(reason);
    if (base === null) return;
    try {
      await writeFile(`${base}.html`, await contentWithin(page, timeoutMs));
      await page.screenshot({ path: `${base}.png`, timeout: timeoutMs });
    } catch {
      // The page may be gone (closed context, crashed tab); the failure itself is counted anyway.
    }
  }

  /** Saves HTML read over plain HTTP (no screenshot: no browser drew it) unless the limit is reached. */
  async keep(html: string, reason: string): Promise<void> {
    const base = this.#next(reason);
    if (base !== null) await writeFile(`${base}.html`, html).catch(() => undefined);
  }

  /** The path (without extension) of the next snapshot, or null once the limit is reached. */
  #next(reason: string): string | null {
    if (this.#taken >= this.limit) return null;
    this.#taken += 1;
    return join(this.dir, `${this.#taken}-${reason.replace(/[^\w-]+/g, '-').slice(0, 40)}`);
  }

  /** Files kept, relative to the folder's parent (`snapshots/1-parse.html`, ...). */
  async files(): Promise<string[]> {
    return (await readdir(this.dir)).sort().map((name) => `snapshots/${name}`);
  }
}
