import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, type WriteStream } from 'node:fs';
import { mkdir, rm, stat, truncate } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { JsonLine } from '../../../shared/io/ndjson-writer.js';
import type { CountyParcel } from '../../../shared/model/county-parcel.js';

// Records start {"schemaVersion":1,"apn":"..." (schema key order); reading the APN this way avoids
// parsing 100k whole bodies when a run resumes.
const APN_AT_START = /^\{"schemaVersion":\d+,"apn":"([^"]+)"/;

// Appends are gathered and written together: one file write per batch instead of one per parcel.
// A kill loses at most the last FLUSH_MS of parcels, which a resumed run fetches again.
const FLUSH_MS = 20;
const FLUSH_BYTES = 256 * 1024;

/** Byte length of the file up to and including its last newline: the lines written whole. */
async function completeLength(path: string): Promise<number> {
  let offset = 0;
  let complete = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    const last = chunk.lastIndexOf(10);
    if (last >= 0) complete = offset + last + 1;
    offset += chunk.length;
  }
  return complete;
}

/** The non-blank lines of a file, as they are. */
async function* linesOf(path: string): AsyncGenerator<string, void, undefined> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim() !== '') yield line;
}

/**
 * Parcels collected so far for one ZIP, appended to an NDJSON file as they arrive so that a killed
 * run, started again with the same folder, fetches none of them again. Memory holds only the APNs
 * and the last few milliseconds of lines not yet written.
 */
export class Checkpoint {
  readonly #done = new Set<string>();
  #stream: WriteStream | undefined;
  #pending = '';
  #timer: NodeJS.Timeout | undefined;

  private constructor(readonly path: string) {}

  /** Opens (or creates) the checkpoint at `path`, dropping a last line a kill cut short. */
  static async open(path: string): Promise<Checkpoint> {
    const checkpoint = new Checkpoint(path);
    await mkdir(dirname(path), { recursive: true });
    const size = await stat(path).then(
      (info) => info.size,
      () => -1,
    );
    if (size >= 0) {
      const complete = await completeLength(path);
      if (complete < size) await truncate(path, complete);
      for await (const line of linesOf(path))
        checkpoint.#remember(apnOfLine(line) ?? JSON.parse(line));
    }
    return checkpoint;
  }

  /** Parcels recorded. */
  get size(): number {
    return this.#done.size;
  }

  /** Whether `apn` (canonical) is already recorded. */
  has(apn: string): boolean {
    return this.#done.has(apn);
  }

  /**
   * Records a parcel unless it is there already; resolves once the file can take more. `rawText`,
   * the response text `parcel.raw` was parsed from, is written as it came instead of serialising
   * `raw` again (the bulk of the record).
   */
  async append(parcel: CountyParcel, rawText?: string): Promise<boolean> {
    if (this.#done.has(parcel.apn)) return false;
    this.#done.add(parcel.apn);
    this.#pending += `${recordLine(parcel, rawText)}\n`;
    if (this.#pending.length >= FLUSH_BYTES) await this.#flush();
    else this.#timer ??= setTimeout(() => void this.#flush(), FLUSH_MS);
    return true;
  }

  /** Writes the gathered lines; resolves once the file can take more. */
  async #flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending === '') return;
    const text = this.#pending;
    this.#pending = '';
    this.#stream ??= createWriteStream(this.path, { flags: 'a' });
    if (!this.#stream.write(text)) await once(this.#stream, 'drain');
  }

  /** Flushes and closes the file. */
  async close(): Promise<void> {
    await this.#flush();
    const stream = this.#stream;
    this.#stream = undefined;
    if (stream)
      await new Promise<void>((resolve, reject) =>
        stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
  }

  /** The recorded parcels as the JSON lines written (call after `close`); nothing is re-parsed. */
  async *lines(): AsyncGenerator<JsonLine, void, undefined> {
    if (!existsSync(this.path)) return;
    for await (const line of linesOf(this.path)) yield new JsonLine(line);
  }

  /** Deletes the file and its folder (once its parcels are safely elsewhere). */
  async remove(): Promise<void> {
    await this.close();
    await rm(dirname(this.path), { recursive: true, force: true });
  }

  #remember(record: unknown): void {
    const apn = typeof record === 'string' ? record : (record as { apn?: unknown }).apn;
    if (typeof apn === 'string') this.#done.add(apn);
  }
}

/**
 * One line of JSON for `parcel`, with `raw` last; `rawText` (the JSON `raw` was parsed from) is
 * used as it is unless it spans lines, which would break the NDJSON file.
 */
export function recordLine(parcel: CountyParcel, rawText?: string): string {
  const usable =
    rawText !== undefined &&
    rawText.startsWith('{') &&
    rawText.endsWith('}') &&
    !rawText.includes('\n') &&
    !rawText.includes('\r');
  if (!usable) return JSON.stringify(parcel);
  // `raw` is the schema's last key: leaving it out (undefined) and adding the text keeps the order.
  const rest = JSON.stringify({ ...parcel, raw: undefined });
  return `${rest.slice(0, -1)},"raw":${rawText}}`;
}

/** The APN of a checkpoint line without parsing the whole record, or null. */
export function apnOfLine(line: string): string | null {
  return APN_AT_START.exec(line)?.[1] ?? null;
}
