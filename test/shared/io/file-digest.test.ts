import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestFile } from '../../../shared/io/file-digest.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'file-digest-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** Lines holding anything but spaces, tabs and carriage returns: what readNdjson reads. */
const expected = (text: string): number =>
  text.split('\n').filter((line) => line.replace(/[ \t\r]/g, '') !== '').length;

describe('digestFile', () => {
  it('counts the records of NDJSON with blank, whitespace-only and CRLF lines, plain and gzipped', async () => {
    const text = '{"a":1}\n\n  \t\r\n{"b":2}\r\n   {"c":3}\n \n{"d":4}';
    for (const [name, bytes] of [
      ['small.ndjson', Buffer.from(text)],
      ['small.ndjson.gz', gzipSync(text)],
    ] as const) {
      const file = path.join(root, name);
      await writeFile(file, bytes);
      const digest = await digestFile(file, { countRecords: true });
      expect(digest).toEqual({
        bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        records: 4,
      });
    }
  });

  it('counts lines that span the chunks a file is read in, and a last line without a newline', async () => {
    // Lines of many lengths (some longer than a read chunk), blank runs between some of them.
    const lines: string[] = [];
    for (let i = 0; i < 3000; i += 1) {
      lines.push(`{"n":${i},"pad":"${'x'.repeat((i * 7919) % 900)}"}`);
      if (i % 97 === 0) lines.push('', '   ', '\r');
      if (i % 1000 === 0) lines.push(`{"long":"${'y'.repeat(200_000)}"}`);
    }
    // A record whose newline is the first byte of the second 64 KiB chunk the file is read in.
    const first = `{"p":"${'z'.repeat(64 * 1024 - 8)}"}`;
    const text = `${first}\n${lines.join('\n')}\n   \n{"last":true}`;
    const file = path.join(root, 'large.ndjson');
    await writeFile(file, text);
    expect((await digestFile(file, { countRecords: true })).records).toBe(expected(text));
    expect(expected(text)).toBe(1 + 3000 + 3 + 1);
  });
});
