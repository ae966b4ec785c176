import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { IntegrityError } from '../../../shared/errors.js';
import { openNdjsonWriter, readNdjson } from '../../../shared/io/ndjson.js';

const parcel = z.object({ apn: z.string(), zip: z.string().length(5), livingArea: z.number() });

async function collect<T>(records: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const record of records) all.push(record);
  return all;
}

async function failureOf(records: AsyncIterable<unknown>): Promise<Error> {
  try {
    await collect(records);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the read to fail');
}

describe('NDJSON files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ndjson-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(['data.ndjson', 'data.ndjson.gz'])('round-trips 50k records through %s', async (name) => {
    const path = join(dir, name);
    const writer = await openNdjsonWriter(path);
    for (let i = 0; i < 50_000; i += 1) {
      await writer.write({
        apn: `102-29-${String(i).padStart(5, '0')}`,
        zip: '85031',
        livingArea: i,
      });
    }
    const summary = await writer.close();

    const bytes = await readFile(path);
    expect(summary).toEqual({
      records: 50_000,
      bytes: (await stat(path)).size,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    expect(bytes.subarray(0, 2).equals(Buffer.from([0x1f, 0x8b]))).toBe(name.endsWith('.gz'));
    let count = 0;
    let outOfOrder = 0;
    for await (const record of readNdjson(path, parcel)) {
      if (record.livingArea !== count) outOfOrder += 1;
      count += 1;
    }
    expect({ count, outOfOrder }).toEqual({ count: 50_000, outOfOrder: 0 });
  });

  it('skips blank lines and counts them in line numbers', async () => {
    const path = join(dir, 'data.ndjson');
    await writeFile(path, '{"n":1}\n\n  \n{"n":2}\r\n{"n":3}');
    expect(await collect(readNdjson(path))).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    await writeFile(path, '{"n":1}\n\n{"n":\n');
    const error = await failureOf(readNdjson(path));
    expect(error).toBeInstanceOf(IntegrityError);
    expect(error.message).toMatch(/data\.ndjson line 3: invalid JSON \(.+\)$/);
  });

  it('names the line and field of a record that fails its schema', async () => {
    const path = join(dir, 'data.ndjson');
    const good = JSON.stringify({ apn: '10229045A', zip: '85031', livingArea: 1200 });
    const bad = JSON.stringify({ apn: 10229045, zip: '85031', livingArea: 1200 });
    await writeFile(path, `${[good, good, good, good, good, good, bad].join('\n')}\n`);
    const error = await failureOf(readNdjson(path, parcel));
    expect(error).toBeInstanceOf(IntegrityError);
    expect(error.message).toContain(`data.ndjson line 7: field 'apn': expected string`);
  });

  it('reports a truncated gzip file as an IntegrityError naming it', async () => {
    const path = join(dir, 'data.ndjson.gz');
    const lines = Array.from({ length: 5_000 }, (_, i) => JSON.stringify({ i })).join('\n');
    const whole = gzipSync(lines);
    await writeFile(path, whole.subarray(0, whole.length - 100));
    const error = await failureOf(readNdjson(path));
    expect(error).toBeInstanceOf(IntegrityError);
    expect(error.message).toContain(`${path}: truncated or corrupt gzip`);
  });

  it('rejects a value that is not JSON-serialisable', async () => {
    const writer = await openNdjsonWriter(join(dir, 'data.ndjson'));
    await expect(writer.write(undefined)).rejects.toThrow('JSON-serialisable');
    await writer.close();
  });

  it('fails to open a file in a missing folder', async () => {
    await expect(openNdjsonWriter(join(dir, 'missing', 'data.ndjson'))).rejects.toThrow(/ENOENT/);
  });
});
