import { createHttpError, type HttpError } from './http-error.js';

/** Largest response body a client reads unless told otherwise: 20 MiB (a county parcel is ~10 KB). */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/** Thrown inside a read when the body passes its limit; turned into an HttpError by the caller. */
export class BodyTooLargeError extends Error {
  /** `received`: the bytes that did arrive before the read stopped. */
  constructor(
    readonly maxBytes: number,
    readonly received = 0,
  ) {
    super(`response body over ${maxBytes} bytes`);
  }
}

/**
 * Reads a response body chunk by chunk, stopping as soon as it passes `maxBytes`, or at the first
 * chunk when `Content-Length` says it will; leaving the loop destroys the stream, so the rest is
 * not downloaded.
 */
export async function readCapped(
  body: AsyncIterable<Uint8Array>,
  maxBytes: number,
  contentLength: string | string[] | undefined,
): Promise<Buffer> {
  const declared = Number(Array.isArray(contentLength) ? contentLength[0] : contentLength);
  const refused = Number.isFinite(declared) && declared > maxBytes;
  let total = 0;
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) {
    if (refused) throw new BodyTooLargeError(maxBytes, total);
    total += chunk.length;
    if (total > maxBytes) throw new BodyTooLargeError(maxBytes, total);
    chunks.push(chunk);
  }
  if (refused) throw new BodyTooLargeError(maxBytes, total);
  return Buffer.concat(chunks, total);
}

/**
 * The error of a body over its limit: names the URL's origin and path (never its query, which may
 * hold a token) and the limit, and is not retried (the same request brings the same body).
 */
export function bodyTooLarge(url: URL, maxBytes: number): HttpError {
  const where = `${url.origin}${url.pathname}`;
  return createHttpError(
    `GET ${where}: response body larger than the limit of ${maxBytes} bytes (maxBytes); not read further`,
    { failureClass: 'other', url: where },
  );
}
