import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { measuringStream } from './measure.js';

/** What a closed NDJSON file holds, as recorded in a manifest. */
export interface NdjsonFileSummary {
  /** Number of records (lines) written. */
  records: number;
  /** Size of the file on disk in bytes (compressed size for `.gz`). */
  bytes: number;
  /** Hex sha256 of the file's bytes as written (of the compressed bytes for `.gz`). */
  sha256: string;
}

/** A streaming NDJSON file being written; memory stays bounded by the stream buffers. */
export interface NdjsonWriter {
  /** Appends one record as a JSON line; resolves once the stream can take more (backpressure). */
  write(record: unknown): Promise<void>;
  /** Flushes and closes the file; returns its record count, size and hash. */
  close(): Promise<NdjsonFileSummary>;
}

/**
 * A record already serialised as one line of JSON (no newline), written as is: a stage that
 * keeps its records as JSON lines (a checkpoint) need not parse and re-serialise them.
 */
export class JsonLine {
  /** Wraps `json`; it must be one JSON value on one line. */
  constructor(readonly json: string) {}
}

/** True when a path names a gzip-compressed file. */
export function isGzipPath(path: string): boolean {
  return path.endsWith('.gz');
}

/**
 * Opens `path` for writing one JSON record per line (a `JsonLine` as it is); a `.gz` path is
 * gzip-compressed. Rejects when the file cannot be created (missing folder, permissions).
 */
export async function openNdjsonWriter(path: string): Promise<NdjsonWriter> {
  let records = 0;
  const measure = measuringStream();
  const file = createWriteStream(path);
  const gzip = isGzipPath(path) ? createGzip() : undefined;
  const head: Writable = gzip ?? measure.stream;
  const finished = gzip ? pipeline(gzip, measure.stream, file) : pipeline(measure.stream, file);
  let failure: Error | undefined;
  finished.catch((error: unknown) => {
    failure = error instanceof Error ? error : new Error(String(error));
  });
  await Promise.race([once(file, 'open'), finished]);

  return {
    async write(record) {
      if (failure !== undefined) throw failure;
      const json =
        record instanceof JsonLine ? record.json : (JSON.stringify(record) as string | undefined);
      if (json === undefined) throw new TypeError(`${path}: a record must be JSON-serialisable`);
      if (record instanceof JsonLine && (json === '' || json.includes('\n') || json.includes('\r')))
        throw new TypeError(`${path}: a JsonLine must hold one line of JSON`);
      records += 1;
      if (!head.write(`${json}\n`)) await Promise.race([once(head, 'drain'), finished]);
    },
    async close() {
      head.end();
      await finished;
      return { records, ...measure.result() };
    },
  };
}
