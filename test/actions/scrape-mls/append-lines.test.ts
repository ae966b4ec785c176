import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppendLines } from '../../../actions/scrape-mls/src/append-lines.js';

describe('lines appended as pages finish', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'append-lines-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps every line of appends made at once, in call order, each on disk when it resolves', async () => {
    const path = join(dir, 'queue.ndjson');
    const file = new AppendLines(path);
    const onDisk: boolean[] = [];
    await Promise.all(
      Array.from({ length: 500 }, (_, at) =>
        file.append(`{"n":${at}}\n`).then(async () => {
          onDisk[at] = (await readFile(path, 'utf8')).includes(`{"n":${at}}\n`);
        }),
      ),
    );
    await file.close();
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    expect(lines).toEqual(Array.from({ length: 500 }, (_, at) => `{"n":${at}}`));
    expect(onDisk.every(Boolean)).toBe(true);
    // Reopened after a close, it appends after what is there.
    const again = new AppendLines(path);
    await again.append('{"n":500}\n');
    await again.close();
    expect((await readFile(path, 'utf8')).trimEnd().split('\n')).toHaveLength(501);
  });

  it('fails the appends it cannot write, and still tries the next ones', async () => {
    const file = new AppendLines(join(dir, 'no-such-folder', 'listings.ndjson'));
    const results = await Promise.allSettled([file.append('a\n'), file.append('b\n')]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    await expect(file.append('c\n')).rejects.toThrow(/ENOENT/);
  });
});
