import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppendLines } from './append-lines.js';
import type { ListingStatus } from '../../../shared/model/mls-listing.js';
import { parsePrice, parseStatus } from './parse-values.js';
import { uniqueKey } from './request-queue.js';

/** A listing as one result row showed it: its page, and the price and status beside the link. */
export interface ResultRow {
  /** The listing page's URL, as the queue keys it. */
  url: string;
  /** Position in the search (0 = first row), which orders listings otherwise equal. */
  order: number;
  price: number | null;
  status: ListingStatus | null;
}

/**
 * The result rows of one ZIP's search in this run, appended as result pages are read
 * (`rows.ndjson` beside the queue), so a run restarted on the same runner, which does not read
 * those pages again, still knows every listing the search showed.
 */
export class ResultRows {
  readonly #rows = new Map<string, ResultRow>();

  readonly #log: AppendLines;

  private constructor(readonly path: string) {
    this.#log = new AppendLines(path);
  }

  /** Closes its file (after the writes under way); the night's work on the ZIP is over. */
  close(): Promise<void> {
    return this.#log.close();
  }

  /** Opens the rows at `path`, keeping what an earlier run wrote (a cut-off last line is dropped). */
  static async open(path: string): Promise<ResultRows> {
    await mkdir(dirname(path), { recursive: true });
    const rows = new ResultRows(path);
    const text = await readFile(path, 'utf8').catch(() => '');
    for (const line of text.split('\n')) {
      try {
        const row = JSON.parse(line) as ResultRow;
        if (!rows.#rows.has(row.url)) rows.#rows.set(row.url, row);
      } catch {
        continue;
      }
    }
    return rows;
  }

  /** Records a row unless its listing was seen already; its price and status text are parsed. */
  async add(row: { url: string; price: string | null; status: string | null }): Promise<void> {
    const url = uniqueKey(row.url);
    if (this.#rows.has(url)) return;
    const parsed: ResultRow = {
      url,
      order: this.#rows.size,
      price: parsePrice(row.price ?? undefined),
      status: parseStatus(row.status ?? undefined),
    };
    this.#rows.set(url, parsed);
    await this.#log.append(`${JSON.stringify(parsed)}\n`);
  }

  /** Whether a row showed `url`. */
  has(url: string): boolean {
    return this.#rows.has(uniqueKey(url));
  }

  /** The rows in search order. */
  all(): ResultRow[] {
    return [...this.#rows.values()].sort((a, b) => a.order - b.order);
  }
}
