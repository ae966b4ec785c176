import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';

/** A pass-through stream that counts and hashes what flows through it. */
export interface MeasuringStream {
  /** Put it in a pipeline where the bytes to measure pass. */
  stream: Transform;
  /** Bytes so far and the hex sha256 once the stream has finished. */
  result(): { bytes: number; sha256: string };
}

/** Counts and sha256-hashes the bytes passing through, without buffering them. */
export function measuringStream(): MeasuringStream {
  const hash = createHash('sha256');
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  return { stream, result: () => ({ bytes, sha256: hash.copy().digest('hex') }) };
}
