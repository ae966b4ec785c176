import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppendLines } from './append-lines.js';

/** A page to visit: a result page of the search, or a listing. */
export interface QueuedRequest {
  url: string;
  kind: 'search' | 'listing';
  /** Tries that ended in a retryable failure so far. */
  retries: number;
}

type QueueEvent =
  { op: 'add'; url: string; kind: QueuedRequest['kind'] } | { op: 'done' | 'failed'; url: string };

/** The key two requests share when they fetch the same page: the URL without its fragment. */
export function uniqueKey(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
}

/**
 * A deduplicated request queue persisted as an append-only event log (`queue.ndjson`), so a run
 * killed at any point and started again with the same folder fetches no finished page again.
 * Requests that failed in an earlier run are tried again.
 */
export class RequestQueue {
  readonly #known = new Map<string, QueuedRequest['kind']>();
  readonly #done = new Set<string>();
  readonly #doneNow = new Set<string>();
  readonly #failed = new Set<string>();
  readonly #pending: QueuedRequest[] = [];
  readonly #path: string;
  readonly #log: AppendLines;

  /** Closes its file (after the writes under way); the night's work on the ZIP is over. */
  close(): Promise<void> {
    return this.#log.close();
  }

  private constructor(dir: string) {
    this.#path = join(dir, 'queue.ndjson');
    this.#log = new AppendLines(this.#path);
  }

  /** Opens the queue in `dir`, replaying what an earlier run recorded there. */
  static async open(dir: string): Promise<RequestQueue> {
    await mkdir(dir, { recursive: true });
    const queue = new RequestQueue(dir);
    const text = await readFile(queue.#path, 'utf8').catch(() => '');
    for (const line of text.split('\n')) {
      let event: QueueEvent;
      try {
        event = JSON.parse(line) as QueueEvent;
      } catch {
        continue; // a line a kill cut short
      }
      if (event.op === 'add') queue.#known.set(event.url, event.kind);
      else if (event.op === 'done') queue.#done.add(event.url);
    }
    for (const [url, kind] of queue.#known) {
      if (!queue.#done.has(url)) queue.#pending.push({ url, kind, retries: 0 });
    }
    return queue;
  }

  /** Requests recorded as finished, in this run or an earlier one. */
  get done(): number {
    return this.#done.size;
  }

  /** Requests that failed for good in this run. */
  get failed(): number {
    return this.#failed.size;
  }

  /** Requests waiting. */
  get pending(): number {
    return this.#pending.length;
  }

  /** Requests of `kind` the queue has seen, finished or not. */
  countOf(kind: QueuedRequest['kind']): number {
    let count = 0;
    for (const known of this.#known.values()) if (known === kind) count += 1;
    return count;
  }

  /** Whether the queue has ever seen `url`. */
  has(url: string): boolean {
    return this.#known.has(uniqueKey(url));
  }

  /** Adds a request unless the queue has seen its page already; true when added. */
  async add(url: string, kind: QueuedRequest['kind']): Promise<boolean> {
    const key = uniqueKey(url);
    if (this.#known.has(key)) return false;
    this.#known.set(key, kind);
    this.#pending.push({ url: key, kind, retries: 0 });
    await this.#record({ op: 'add', url: key, kind });
    return true;
  }

  /** The next request to work on, or undefined when none waits. Result pages go first. */
  next(): QueuedRequest | undefined {
    for (;;) {
      const search = this.#pending.findIndex((request) => request.kind === 'search');
      const request = this.#pending.splice(search >= 0 ? search : 0, 1)[0];
      if (request === undefined || !this.#done.has(request.url)) return request;
    }
  }

  /** Whether `url` is recorded as finished, in this run or an earlier one. */
  isDone(url: string): boolean {
    return this.#done.has(uniqueKey(url));
  }

  /** Whether `url` was finished by this process (not kept from an earlier run or attempt). */
  doneNow(url: string): boolean {
    return this.#doneNow.has(uniqueKey(url));
  }

  /** Puts a request back untried, first in line: a stop left it for a later run. */
  putBack(request: QueuedRequest): void {
    this.#pending.unshift(request);
  }

  /** Puts a request back after a retryable failure. */
  retry(request: QueuedRequest): void {
    this.#pending.push({ ...request, retries: request.retries + 1 });
  }

  /** Records a request as finished: it is never fetched again, even after a restart. */
  async markDone(request: QueuedRequest): Promise<void> {
    this.#done.add(request.url);
    this.#doneNow.add(request.url);
    await this.#record({ op: 'done', url: request.url });
  }

  /** Records a listing page as finished by an earlier attempt whose listing was kept. */
  async markKept(url: string): Promise<void> {
    await this.add(url, 'listing');
    const key = uniqueKey(url);
    this.#done.add(key);
    await this.#record({ op: 'done', url: key });
  }

  /** Records a request as failed for good in this run. */
  async markFailed(request: QueuedRequest): Promise<void> {
    this.#failed.add(request.url);
    await this.#record({ op: 'failed', url: request.url });
  }

  async #record(event: QueueEvent): Promise<void> {
    await this.#log.append(`${JSON.stringify(event)}\n`);
  }
}
