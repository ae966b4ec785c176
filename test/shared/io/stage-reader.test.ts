import { DefaultArtifactClient } from '@actions/artifact';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigurationError, IntegrityError } from '../../../shared/errors.js';
import { uploadStage } from '../../../shared/io/artifact.js';
import { MANIFEST_FILE } from '../../../shared/io/manifest.js';
import { writeStageOutput } from '../../../shared/io/stage-output.js';
import { readStages, type StageSet } from '../../../shared/io/stage-reader.js';
import { memoryLogger } from '../../../shared/logger.js';
import {
  startArtifactService,
  type ArtifactService,
} from '../../../local/artifact-service/server.js';
import { useClientEnv } from '../../local/artifact-service/client-env.js';

const parcelSchema = z.object({ apn: z.string(), zip: z.string() });
const usageSchema = z.object({ service: z.string(), units: z.number() });
const info = { runId: '88', stage: 'collect-county', recordType: 'county-parcel' } as const;

function parcels(zip: string, count: number) {
  return Array.from({ length: count }, (_, i) => ({ apn: `${zip}-${i}`, zip }));
}

async function all<T>(records: AsyncIterable<T>): Promise<T[]> {
  const collected: T[] = [];
  for await (const record of records) collected.push(record);
  return collected;
}

/** Writes a county stage folder with `count` parcels and one usage record beside them. */
async function countyStage(dir: string, zip: string, count: number): Promise<void> {
  await writeStageOutput(
    dir,
    { ...info, shard: zip, recordSchemaVersion: 1, gzip: zip === '85033' },
    parcels(zip, count),
    { records: { usage: [{ service: 'county-api', units: count }] } },
  );
}

describe('readStages: the one reader of stage artifacts', () => {
  let root: string;
  let service: ArtifactService;
  let restoreEnv: () => void;
  const client = new DefaultArtifactClient();

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'stage-reader-'));
    service = await startArtifactService({ storageDir: join(root, 'storage') });
    const restoreUploadEnv = useClientEnv(service.clientEnv('run-88', 'collect'));
    for (const [zip, count] of [
      ['85033', 40],
      ['85035', 7],
    ] as const) {
      await countyStage(join(root, 'out', `county-${zip}`), zip, count);
      await uploadStage(
        client,
        `county-${zip}`,
        join(root, 'out', `county-${zip}`),
        memoryLogger(),
      );
    }
    // An artifact whose manifest was edited after it was written: the zip's digest is sound
    // (the service recorded it as uploaded), but the manifest no longer matches its data.
    const tampered = join(root, 'out', 'county-85031');
    await countyStage(tampered, '85031', 5);
    const manifest = await readFile(join(tampered, MANIFEST_FILE), 'utf8');
    await writeFile(join(tampered, MANIFEST_FILE), manifest.replace(/"bytes": \d+/, '"bytes": 1'));
    await client.uploadArtifact(
      'tampered-85031',
      [
        join(tampered, MANIFEST_FILE),
        join(tampered, 'data.ndjson'),
        join(tampered, 'usage.ndjson'),
      ],
      tampered,
    );
    restoreUploadEnv();
  });
  beforeEach(() => {
    restoreEnv = useClientEnv(service.clientEnv('run-88', 'store'));
  });
  afterEach(() => restoreEnv());
  afterAll(async () => {
    await service.close();
    await rm(root, { recursive: true, force: true });
  });

  it('expands patterns, downloads and verifies each stage, and streams two record types', async () => {
    const logger = memoryLogger();
    const downloadDir = join(root, 'downloads-1');
    const read = await readStages(['county-85035', 'county-85099', 'mls-*'], {
      client,
      baseDir: root,
      downloadDir,
      logger,
    });

    expect(read.stages.map((stage) => [stage.name, stage.dir])).toEqual([
      ['county-85035', join(downloadDir, 'county-85035')],
    ]);
    expect(read.missing).toEqual(['county-85099', 'mls-*']);
    expect(read.unreadable).toEqual([]);

    const both = await readStages(['county-8503*'], { client, baseDir: root, downloadDir, logger });
    expect(both.stages.map((stage) => stage.name)).toEqual(['county-85033', 'county-85035']);
    const stored = await all(both.records('county-parcel', parcelSchema));
    expect(stored).toHaveLength(47);
    expect(stored[0]).toEqual({ apn: '85033-0', zip: '85033' });
    expect(stored[46]).toEqual({ apn: '85035-6', zip: '85035' });
    expect(await all(both.records('usage', usageSchema))).toEqual([
      { service: 'county-api', units: 40 },
      { service: 'county-api', units: 7 },
    ]);
    expect(await all(both.stages[1]!.records('usage', usageSchema))).toEqual([
      { service: 'county-api', units: 7 },
    ]);
    expect(await all(both.records('run-stats'))).toEqual([]);
    expect(logger.lines).toContain(
      "info: artifact 'county-85033': 40 county-parcel records verified",
    );
  });

  it('refuses a tampered manifest, or leaves the stage out when told to', async () => {
    const options = { client, baseDir: root, downloadDir: join(root, 'downloads-2') };
    const error = await readStages(['county-*', 'tampered-*'], {
      ...options,
      logger: memoryLogger(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrityError);
    expect((error as Error).message).toMatch(
      /tampered-85031\/data\.ndjson: bytes: expected 1, actual \d+/,
    );

    const leftOut: string[] = [];
    const read: StageSet = await readStages(['county-*', 'tampered-*'], {
      ...options,
      logger: memoryLogger(),
      onUnreadable: (name) => leftOut.push(name),
    });
    expect(leftOut).toEqual(['tampered-85031']);
    expect(read.unreadable).toEqual([
      { name: 'tampered-85031', reason: expect.stringContaining('bytes: expected 1') as string },
    ]);
    expect(read.stages.map((stage) => stage.name)).toEqual(['county-85033', 'county-85035']);
  });

  it('names the input when a required stage is missing; a pattern that matches nothing only warns', async () => {
    const options = { client, baseDir: root, downloadDir: join(root, 'downloads-3') };
    const logger = memoryLogger();
    const read = await readStages(['county-85035', 'mls-*'], {
      ...options,
      logger,
      requiredBy: 'input-artifacts',
    });
    expect(read.stages.map((stage) => stage.name)).toEqual(['county-85035']);
    expect(logger.lines).toContain(
      'warning: no artifact of this run matches mls-* (a stage that did not run)',
    );
    const required = { ...options, logger, requiredBy: 'input-artifacts' };
    await expect(readStages(['county-85099'], required)).rejects.toThrow(
      new ConfigurationError("input 'input-artifacts': this run has no artifact 'county-85099'"),
    );
    await expect(readStages(['mls-*'], required)).rejects.toThrow(
      "input 'input-artifacts': no artifact of this run matches mls-*; nothing to read",
    );
  });

  it('reads stage folders relative to baseDir without an artifact client', async () => {
    const options = { client: null, baseDir: join(root, 'out'), downloadDir: root };
    const read = await readStages(['county-85035', 'county-85099'], {
      ...options,
      logger: memoryLogger(),
    });
    expect(read.stages.map((stage) => stage.dir)).toEqual([join(root, 'out', 'county-85035')]);
    expect(read.missing).toEqual(['county-85099']);
    expect(await all(read.records('county-parcel', parcelSchema))).toHaveLength(7);

    await expect(
      readStages(['county-85099'], { ...options, logger: memoryLogger(), requiredBy: 'stages' }),
    ).rejects.toThrow(/^input 'stages': 'county-85099' is not a stage folder with manifest\.json/);
    await expect(
      readStages(['county-85031'], { ...options, logger: memoryLogger() }),
    ).rejects.toThrow(IntegrityError);
  });
});
