import {
  brotliDecompressSync,
  constants,
  gunzipSync,
  inflateRawSync,
  inflateSync,
  type ZlibOptions,
} from 'node:zlib';
import type { Dispatcher } from 'undici';
import { BodyTooLargeError, readCapped } from '../../../shared/http/body-limit.js';

/** A body as it came over the wire (its size) and as the page reader takes it (decoded). */
export interface ServedBody {
  wireBytes: number;
  /** Null when the body passed the limit, on the wire or decoded. */
  content: Buffer | null;
}

/**
 * Reads a response body of at most `maxBytes`, on the wire and decoded (gzip, deflate, br); the
 * content is null once either is passed, and the body is then destroyed, its rest never
 * downloaded.
 */
export async function readServedBody(
  body: Dispatcher.ResponseData['body'],
  encoding: string | undefined,
  maxBytes: number,
): Promise<ServedBody> {
  let wire: Buffer;
  try {
    wire = await readCapped(body, maxBytes, undefined);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return { wireBytes: error.received, content: null };
    throw error;
  }
  try {
    return {
      wireBytes: wire.length,
      content: decode(wire, encoding?.trim().toLowerCase(), maxBytes),
    };
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      return { wireBytes: wire.length, content: null };
    throw error;
  }
}

function decode(raw: Buffer, encoding: string | undefined, maxBytes: number): Buffer {
  // As a browser reads them: a stream cut short still yields what arrived.
  const options: ZlibOptions = {
    maxOutputLength: maxBytes,
    finishFlush: constants.Z_SYNC_FLUSH,
  };
  if (encoding === 'gzip' || encoding === 'x-gzip') return gunzipSync(raw, options);
  // `deflate` is zlib-wrapped by the standard, raw from some servers.
  if (encoding === 'deflate')
    return ((raw[0] ?? 0) & 0x0f) === 8 ? inflateSync(raw, options) : inflateRawSync(raw, options);
  if (encoding === 'br')
    return brotliDecompressSync(raw, {
      maxOutputLength: maxBytes,
      finishFlush: constants.BROTLI_OPERATION_FLUSH,
    });
  return raw;
}
