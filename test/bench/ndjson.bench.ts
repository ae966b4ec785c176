import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { openNdjsonWriter } from '../../shared/io/ndjson-writer.js';
import { readNdjson } from '../../shared/io/ndjson-reader.js';

/**
 * NDJSON write and read throughput of shared/io against the plainest baseline: JSON.stringify
 * into a write stream, and JSON.parse of a whole file split on newlines.
 */
const COUNT = 100_000;
const parcel = (i: number) => ({
  apn: `102-29-${String(i % 1000).padStart(3, '0')}A`,
  zip: '85031',
  livingAreaSqft: 1200 + (i % 800),
  valuations: [{ taxYear: 2026, fullCashValue: 250_000 + i }],
});

async function time(run: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

const dir = await mkdtemp(path.join(tmpdir(), 'bench-ndjson-'));
try {
  const baselineFile = path.join(dir, 'baseline.ndjson');
  const baselineWrite = await time(async () => {
    const stream = createWriteStream(baselineFile);
    for (let i = 0; i < COUNT; i += 1) {
      if (!stream.write(`${JSON.stringify(parcel(i))}\n`)) await once(stream, 'drain');
    }
    stream.end();
    await once(stream, 'finish');
  });
  const baselineRead = await time(async () => {
    const lines = (await readFile(baselineFile, 'utf8')).split('\n').filter(Boolean);
    if (lines.map((line) => JSON.parse(line) as unknown).length !== COUNT) throw new Error('count');
  });
  for (const name of ['data.ndjson', 'data.ndjson.gz']) {
    const file = path.join(dir, name);
    const write = await time(async () => {
      const writer = await openNdjsonWriter(file);
      for (let i = 0; i < COUNT; i += 1) await writer.write(parcel(i));
      await writer.close();
    });
    const read = await time(async () => {
      let count = 0;
      for await (const record of readNdjson(file)) if (record) count += 1;
      if (count !== COUNT) throw new Error(`read ${count} of ${COUNT}`);
    });
    const rate = (ms: number) =>
      `${Math.round(COUNT / (ms / 1000)).toLocaleString('en-US')} records/s`;
    console.log(
      `${name}: write ${rate(write)} (${(baselineWrite / write).toFixed(2)}x of plain stream), ` +
        `read ${rate(read)} (${(baselineRead / read).toFixed(2)}x of whole-file parse)`,
    );
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
