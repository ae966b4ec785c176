import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppendLines } from './append-lines.js';
import type { MlsListing } from '../../../shared/model/mls-listing.js';

/**
 * Listings scraped for one ZIP, appended as they arrive (`listings.ndjson` beside the queue), so
 * nothing collected is lost when a run dies. A listing is written before its page counts as done.
 */
export class ListingStore {
  readonly #byMls = new Map<string, MlsListing>();

  readonly #log: AppendLines;

  private constructor(readonly path: string) {
    this.#log = new AppendLines(path);
  }

  /** Closes its file (after the writes under way); the night's work on the ZIP is over. */
  close(): Promise<void> {
    return this.#log.close();
  }

  /** Opens the store at `path`, keeping what an earlier run wrote (a cut-off last line is dropped). */
  static async open(path: string): Promise<ListingStore> {
    await mkdir(dirname(path), { recursive: true });
    const store = new ListingStore(path);
    const text = await readFile(path, 'utf8').catch(() => '');
    for (const line of text.split('\n')) {
      try {
        const listing = JSON.parse(line) as MlsListing;
        store.#byMls.set(listing.mlsNumber, listing);
      } catch {
        continue;
      }
    }
    return store;
  }

  /** Listings held. */
  get size(): number {
    return this.#byMls.size;
  }

  /** Adds a listing; a listing seen again replaces the earlier copy. */
  async add(listing: MlsListing): Promise<void> {
    this.#byMls.set(listing.mlsNumber, listing);
    await this.#log.append(`${JSON.stringify(listing)}\n`);
  }

  /** The listings, one per MLS number, in MLS number order. */
  listings(): MlsListing[] {
    return [...this.#byMls.values()].sort((a, b) => a.mlsNumber.localeCompare(b.mlsNumber));
  }
}
