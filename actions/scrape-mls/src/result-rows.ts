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
        // A row written again replaces what the first showed, in the first one's place.
        const first = rows.#rows.get(row.url);
        rows.#rows.set(row.url, first ? { ...row, order: first.order } : row);
      } catch {
        continue;
      }
    }
    return rows;
  }

  /**
   * Records rows (one result page's, in order), each unless its listing was seen already; their
   * price and status texts are parsed. `replace`: rows seen already take the price and status
   * given here and keep their place in the search (a page read again, the browser's reading in
   * place of the served HTML's). One write for them all. Returns the listings seen for the first
   * time.
   */
  async add(
    rows: Array<{ url: string; price: string | null; status: string | null }>,
    replace = false,
  ): Promise<ResultRow[]> {
    const added: ResultRow[] = [];
    let lines = '';
    for (const row of rows) {
      const url = uniqueKey(row.url);
      const seen = this.#rows.get(url);
      if (seen && !replace) continue;
      const parsed: ResultRow = {
        url,
        order: seen?.order ?? this.#rows.size,
        price: parsePrice(row.price ?? undefined),
        status: parseStatus(row.status ?? undefined),
      };
      this.#rows.set(url, parsed);
      if (!seen) added.push(parsed);
      lines += `${JSON.stringify(parsed)}\n`;
    }
    if (lines !== '') await this.#log.append(lines);
    return added;
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
