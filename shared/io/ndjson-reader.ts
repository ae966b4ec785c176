import { createReadStream } from 'node:fs';
import { pipeline, type Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import type { ZodType } from 'zod';
import { IntegrityError, errorMessage } from '../errors.js';
import { nullField } from './json-field.js';
import { isGzipPath } from './ndjson-writer.js';

/** Zod's issue shape, reduced to what a reader reports. */
interface RecordIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

const shownIssues = 3;

/** `apn`, `raw.owner`, `files[0].path`: where in a record an issue is. */
function fieldName(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) =>
      typeof key === 'number' ? `[${key}]` : `${index ? '.' : ''}${String(key)}`,
    )
    .join('');
}

/** One readable reason for a record that failed its schema, e.g. `field 'apn': expected string`. */
export function describeIssues(issues: readonly RecordIssue[]): string {
  const described = issues.slice(0, shownIssues).map((issue) => {
    const reason = issue.message.replace(/^Invalid input: /, '');
    return issue.path.length ? `field '${fieldName(issue.path)}': ${reason}` : `record: ${reason}`;
  });
  const more = issues.length - shownIssues;
  return more > 0 ? `${described.join('; ')} (and ${more} more)` : described.join('; ');
}

/** Opens the file's text, gunzipping a `.gz` path; errors of either stream reach the result. */
function openText(path: string): Readable {
  const file = createReadStream(path);
  return isGzipPath(path) ? pipeline(file, createGunzip(), () => undefined) : file;
}

/** Turns a stream failure into an IntegrityError naming the file (truncated gzip and the like). */
export function readFailure(path: string, error: unknown): Error {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return new IntegrityError(`${path}: truncated or corrupt gzip (${errorMessage(error)})`, {
      cause: error,
    });
  }
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * The lines of `text` (without `\n` or `\r\n`), read a chunk at a time as they are asked for.
 * Not `readline`: its iterator reads ahead up to 1,024 lines while the consumer is busy (a store
 * waiting on its database), and those lines, 10 KB each with the county's raw bodies, live long
 * enough to be promoted to the old heap, which then grows to several times what is live.
 */
export async function* readLines(text: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  // The line of `from` between `start` and `end` (a newline), without a `\r` before it.
  const line = (from: string, start: number, end: number) =>
    from.slice(start, end > start && from.charCodeAt(end - 1) === 13 ? end - 1 : end);
  for await (const chunk of text) {
    const part = rest + decoder.write(chunk);
    // The rest held no newline: search only what arrived.
    let end = part.indexOf('\n', rest.length);
    let start = 0;
    for (; end !== -1; end = part.indexOf('\n', start)) {
      yield line(part, start, end);
      start = end + 1;
    }
    rest = start === 0 ? part : part.slice(start);
  }
  rest += decoder.end();
  if (rest !== '') yield line(rest, 0, rest.length);
}

/** How `readNdjson` reads each record. */
export interface ReadOptions {
  /**
   * A top-level field read as `null`, its text skipped unparsed (see `nullField`): for a reader
   * that does not need a large value, such as a county parcel's `raw` body read a second time.
   */
  unparsed?: string;
}

/**
 * Streams the records of an NDJSON file (gunzipped when the path ends in `.gz`), one line at a
 * time. Blank lines are skipped. A line that is not JSON, or a record that fails `schema`, throws
 * IntegrityError naming the file and 1-based line number; with a schema, records are its output.
 */
export async function* readNdjson<T = unknown>(
  path: string,
  schema?: ZodType<T>,
  options: ReadOptions = {},
): AsyncGenerator<T, void, undefined> {
  const text = openText(path);
  let lineNumber = 0;
  try {
    for await (const line of readLines(text)) {
      lineNumber += 1;
      if (line.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(options.unparsed ? nullField(line, options.unparsed) : line);
      } catch (error) {
        throw new IntegrityError(
          `${path} line ${lineNumber}: invalid JSON (${errorMessage(error)})`,
        );
      }
      if (!schema) {
        yield value as T;
        continue;
      }
      const parsed = schema.safeParse(value);
      if (!parsed.success) {
        throw new IntegrityError(
          `${path} line ${lineNumber}: ${describeIssues(parsed.error.issues)}`,
        );
      }
      yield parsed.data;
    }
  } catch (error) {
    if (error instanceof IntegrityError) throw error;
    throw readFailure(path, error);
  } finally {
    text.destroy();
  }
}
