import { mkdtemp, open, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { IntegrityError } from '../../../shared/errors.js';
import { verifyManifest } from '../../../shared/io/manifest.js';
import type { Manifest } from '../../../shared/model/manifest.js';
import {
  readStageOutput,
  readStageRecords,
  writeStageOutput,
} from '../../../shared/io/stage-output.js';
import { mkdir } from 'node:fs/promises';

const header = {
  runId: '9001',
  stage: 'collect-county',
  shard: '85031',
  recordType: 'county-parcel',
  recordSchemaVersion: 1,
} as const;
const info = { ...header, now: () => new Date('2025-03-01T10:00:00.000Z') };

function* parcels(count: number) {
  for (let i = 0; i < count; i += 1)
    yield { apn: `10229${String(i).padStart(3, '0')}A`, zip: '85031' };
}

async function flipByte(path: string, position: number): Promise<void> {
  const file = await open(path, 'r+');
  const byte = Buffer.alloc(1);
  await file.read(byte, 0, 1, position);
  byte[0] = byte[0]! ^ 0xff;
  await file.write(byte, 0, 1, position);
  await file.close();
}

async function rewriteManifest(dir: string, change: (manifest: Manifest) => void) {
  const path = join(dir, 'manifest.json');
  const manifest = JSON.parse(await readFile(path, 'utf8')) as Manifest;
  change(manifest);
  await writeFile(path, JSON.stringify(manifest));
}

describe('stage folders and manifests', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stage-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([false, true])('writes and reads back a verified folder (gzip: %s)', async (gzip) => {
    const manifest = await writeStageOutput(join(dir, 'out'), { ...info, gzip }, parcels(1000));
    expect(manifest).toMatchObject({
      ...header,
      recordCount: 1000,
      createdAt: '2025-03-01T10:00:00.000Z',
    });
    expect(manifest.files).toEqual([
      expect.objectContaining({ path: gzip ? 'data.ndjson.gz' : 'data.ndjson', records: 1000 }),
    ]);
    const schema = z.object({ apn: z.string(), zip: z.string() });
    const stage = await readStageOutput(join(dir, 'out'), {
      schema,
      expectRecordType: 'county-parcel',
    });
    let count = 0;
    for await (const parcel of stage.records) count += parcel.apn.length > 0 ? 1 : 0;
    expect(count).toBe(1000);
  });

  it('carries run-stats, usage and snapshot files beside the data, each verified', async () => {
    const out = join(dir, 'out');
    await mkdir(join(out, 'failures'), { recursive: true });
    await writeFile(join(out, 'failures', 'page-1.html'), '<html>blocked</html>');
    const manifest = await writeStageOutput(out, info, parcels(3), {
      records: {
        'run-stats': [{ action: 'collect-county', retries: 2 }],
        usage: [
          { service: 'county-api', quantity: 4 },
          { service: 'github-actions', quantity: 1 },
        ],
      },
      files: ['failures/page-1.html'],
    });
    expect(manifest.recordCount).toBe(3);
    expect(manifest.files.map((file) => [file.path, file.recordType, file.records])).toEqual([
      ['data.ndjson', 'county-parcel', 3],
      ['run-stats.ndjson', 'run-stats', 1],
      ['usage.ndjson', 'usage', 2],
      ['failures/page-1.html', null, 0],
    ]);
    const stage = await readStageOutput(out);
    const data: unknown[] = [];
    for await (const parcel of stage.records) data.push(parcel);
    expect(data).toHaveLength(3);
    const usage: unknown[] = [];
    for await (const entry of readStageRecords(out, stage.manifest, 'usage')) usage.push(entry);
    expect(usage).toEqual([
      { service: 'county-api', quantity: 4 },
      { service: 'github-actions', quantity: 1 },
    ]);

    await writeFile(join(out, 'failures', 'page-1.html'), '<html>changed</html>');
    await expect(verifyManifest(out)).rejects.toThrow(/failures\/page-1\.html: sha256: expected/);
  });

  it('names the file whose bytes changed', async () => {
    await writeStageOutput(dir, info, parcels(10));
    await flipByte(join(dir, 'data.ndjson'), 5);
    await expect(verifyManifest(dir)).rejects.toThrow(
      new RegExp(`${join(dir, 'data.ndjson')}: sha256: expected [0-9a-f]{64}, actual [0-9a-f]{64}`),
    );
  });

  it('names the file whose record count or size differs', async () => {
    await writeStageOutput(dir, info, parcels(10));
    await rewriteManifest(dir, (manifest) => {
      manifest.files[0]!.records = 11;
      manifest.recordCount = 11;
    });
    await expect(verifyManifest(dir)).rejects.toThrow(
      'data.ndjson: records: expected 11, actual 10',
    );

    await writeStageOutput(dir, info, parcels(10));
    await truncate(join(dir, 'data.ndjson'), 50);
    const error = (await verifyManifest(dir).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(IntegrityError);
    expect(error.message).toMatch(
      /data\.ndjson: bytes: expected \d+, actual 50; sha256: .*; records: expected 10, actual 2$/,
    );
  });

  it('names a missing file and a total that disagrees with the files', async () => {
    await writeStageOutput(dir, info, parcels(3));
    await rewriteManifest(dir, (manifest) => {
      manifest.recordCount = 4;
    });
    await expect(verifyManifest(dir)).rejects.toThrow(
      "manifest.json: field 'recordCount': recordCount differs from the sum of records in the files of the data record type",
    );
    await writeStageOutput(dir, info, parcels(3));
    await rm(join(dir, 'data.ndjson'));
    await expect(verifyManifest(dir)).rejects.toThrow(`${join(dir, 'data.ndjson')}: missing`);
  });

  it('refuses a manifest that is absent, malformed or points outside the folder', async () => {
    await expect(verifyManifest(dir)).rejects.toThrow(/manifest\.json: cannot read manifest/);
    await writeStageOutput(dir, info, parcels(1));
    await rewriteManifest(dir, (manifest) => {
      manifest.files[0]!.path = '../elsewhere/data.ndjson';
    });
    await expect(verifyManifest(dir)).rejects.toThrow(
      "manifest.json: field 'files[0].path': expected a path inside the artifact",
    );
  });

  it('reports a truncated gzip data file as an IntegrityError naming it', async () => {
    await writeStageOutput(dir, { ...info, gzip: true }, parcels(2000));
    const path = join(dir, 'data.ndjson.gz');
    await truncate(path, 200);
    const error = (await verifyManifest(dir).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(IntegrityError);
    // The changed bytes are what went wrong; the unreadable gzip is what it did to the records.
    expect(error.message).toMatch(/data\.ndjson\.gz: bytes: expected \d+, actual 200; sha256: /);
    expect(error.message).toContain(`records: unreadable, ${path}: truncated or corrupt gzip`);
  });

  it('refuses a folder of another record type', async () => {
    await writeStageOutput(dir, info, parcels(1));
    await expect(readStageOutput(dir, { expectRecordType: 'mls-listing' })).rejects.toThrow(
      'recordType expected mls-listing, actual county-parcel',
    );
  });
});
