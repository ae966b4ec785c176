import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, type WriteStream } from 'node:fs';
import { mkdir, stat, truncate } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { readNdjson } from '../../../shared/io/ndjson-reader.js';
import type { CountyParcel } from '../../../shared/model/county-parcel.js';

// Records start {"schemaVersion":1,"apn":"..." (schema key order); reading the APN this way avoids
// parsing 100k whole bodies when a run resumes.
const APN_AT_START = /^\{"schemaVersion":\d+,"apn":"([^"]+)"/;

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

/**
 * Parcels collected so far for one ZIP, appended to an NDJSON file as they arrive so that a killed
 * run, started again with the same folder, fetches none of them again. Memory holds only the APNs.
 */
export class Checkpoint {
  readonly #done = new Set<string>();
  #stream: WriteStream | undefined;

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
      const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
      for await (const line of lines) {
        if (line.trim() !== '') checkpoint.#remember(apnOfLine(line) ?? JSON.parse(line));
      }
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

  /** Records a parcel unless it is there already; resolves once the file can take more. */
  async append(parcel: CountyParcel): Promise<boolean> {
    if (this.#done.has(parcel.apn)) return false;
    this.#done.add(parcel.apn);
    this.#stream ??= createWriteStream(this.path, { flags: 'a' });
    if (!this.#stream.write(`${JSON.stringify(parcel)}\n`)) await once(this.#stream, 'drain');
    return true;
  }

  /** Flushes and closes the file. */
  async close(): Promise<void> {
    const stream = this.#stream;
    this.#stream = undefined;
    if (stream)
      await new Promise<void>((resolve, reject) =>
        stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
  }

  /** Streams the recorded parcels (call after `close`). */
  async *records(): AsyncGenerator<CountyParcel, void, undefined> {
    if (existsSync(this.path)) yield* readNdjson<CountyParcel>(this.path);
  }

  #remember(record: unknown): void {
    const apn = typeof record === 'string' ? record : (record as { apn?: unknown }).apn;
    if (typeof apn === 'string') this.#done.add(apn);
  }
}

/** The APN of a checkpoint line without parsing the whole record, or null. */
export function apnOfLine(line: string): string | null {
  return APN_AT_START.exec(line)?.[1] ?? null;
}
