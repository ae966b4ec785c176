import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { measuringStream } from '../../shared/io/measure.js';

/** A request body shorter or longer than its Content-Length (the client gave up mid-upload). */
export class IncompleteBodyError extends Error {}

/** Part of a file to copy: the whole file, or bytes `start`..`end` inclusive. */
export interface FileSlice {
  path: string;
  start?: number;
  end?: number;
}

/** Size and hex sha256 of what was written. */
export interface WrittenFile {
  size: number;
  sha256: string;
}

/**
 * Streams `source` into a temp file beside `target`, then renames it into place, so a reader never
 * sees half a file and a failed write leaves the old one. `expectedLength` guards against cut bodies.
 */
export async function writeFileAtomically(
  source: Readable | AsyncIterable<Buffer>,
  target: string,
  expectedLength?: number,
): Promise<WrittenFile> {
  const temp = `${target}.${randomUUID()}.part`;
  const measure = measuringStream();
  try {
    await pipeline(source, measure.stream, createWriteStream(temp));
    const { bytes, sha256 } = measure.result();
    if (expectedLength !== undefined && bytes !== expectedLength) {
      throw new IncompleteBodyError(`received ${bytes} bytes of ${expectedLength}`);
    }
    await rename(temp, target);
    return { size: bytes, sha256 };
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** The slices' bytes one after another, read a chunk at a time. */
export async function* concatenate(slices: readonly FileSlice[]): AsyncGenerator<Buffer> {
  for (const slice of slices) {
    if (slice.start !== undefined && slice.end !== undefined && slice.end < slice.start) continue;
    const range = slice.start === undefined ? {} : { start: slice.start, end: slice.end };
    for await (const chunk of createReadStream(slice.path, range)) yield chunk as Buffer;
  }
}
