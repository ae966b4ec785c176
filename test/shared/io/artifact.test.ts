import { DefaultArtifactClient } from '@actions/artifact';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IntegrityError, NonRetryableError } from '../../../shared/errors.js';
import { downloadStage, uploadStage } from '../../../shared/io/artifact.js';
import { readStageOutput, writeStageOutput } from '../../../shared/io/stage-output.js';
import { memoryLogger } from '../../../shared/logger.js';
import {
  startArtifactService,
  type ArtifactService,
} from '../../../local/artifact-service/server.js';
import { useClientEnv } from '../../local/artifact-service/client-env.js';

const info = {
  runId: '77',
  stage: 'collect-county',
  recordType: 'county-parcel',
  recordSchemaVersion: 1,
} as const;

function* parcels(count: number) {
  for (let i = 0; i < count; i += 1)
    yield { apn: `30110${String(i).padStart(4, '0')}`, zip: '85033' };
}

describe('stage artifacts through the artifact service emulator', () => {
  let root: string;
  let service: ArtifactService;
  let restoreEnv: () => void;
  const client = new DefaultArtifactClient();

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'stage-artifact-'));
    service = await startArtifactService({ storageDir: join(root, 'storage') });
  });
  beforeEach(() => {
    restoreEnv = useClientEnv(service.clientEnv('run-77', 'collect-85033'));
  });
  afterEach(() => restoreEnv());
  afterAll(async () => {
    await service.close();
    await rm(root, { recursive: true, force: true });
  });

  it('round-trips a gzipped stage folder with its manifest', async () => {
    const source = join(root, 'upload');
    await writeStageOutput(source, { ...info, shard: '85033', gzip: true }, parcels(5000));
    await writeFile(join(source, 'scratch.tmp'), 'not listed in the manifest');
    const logger = memoryLogger();

    const uploaded = await uploadStage(client, 'county-85033', source, logger, {
      retentionDays: 1,
    });
    const target = join(root, 'download');
    const downloaded = await downloadStage(client, 'county-85033', target, logger);

    expect(downloaded.id).toBe(uploaded.id);
    expect(downloaded.manifest).toEqual(uploaded.manifest);
    expect(downloaded.manifest.recordCount).toBe(5000);
    await expect(readFile(join(target, 'scratch.tmp'))).rejects.toThrow(/ENOENT/);
    expect(logger.lines).toContain(
      `info: artifact 'county-85033': 5000 county-parcel records verified`,
    );
  });

  it('replaces the artifact an earlier attempt of the run uploaded (the service refuses a second one)', async () => {
    const firstAttempt = join(root, 'attempt-1');
    await writeStageOutput(firstAttempt, { ...info, shard: '85043' }, parcels(10));
    const earlier = await uploadStage(client, 'county-85043', firstAttempt, memoryLogger());
    const secondAttempt = join(root, 'attempt-2');
    await writeStageOutput(secondAttempt, { ...info, shard: '85043' }, parcels(25));
    const logger = memoryLogger();

    const replaced = await uploadStage(client, 'county-85043', secondAttempt, logger);

    expect(replaced.id).not.toBe(earlier.id);
    expect(logger.lines).toContain(
      `info: artifact 'county-85043': replaces the one an earlier attempt uploaded (id ${earlier.id})`,
    );
    const { artifacts } = await client.listArtifacts();
    expect(artifacts.filter((artifact) => artifact.name === 'county-85043')).toHaveLength(1);
    const target = join(root, 'download-attempt');
    const downloaded = await downloadStage(client, 'county-85043', target, memoryLogger());
    expect(downloaded.manifest.recordCount).toBe(25);
  });

  it('finds a file tampered with after download', async () => {
    const source = join(root, 'upload-2');
    await writeStageOutput(source, { ...info, shard: '85035' }, parcels(100));
    await uploadStage(client, 'county-85035', source, memoryLogger());
    const target = join(root, 'download-2');
    await downloadStage(client, 'county-85035', target, memoryLogger());

    await appendFile(join(target, 'data.ndjson'), '{"apn":"injected","zip":"85035"}\n');
    const error = (await readStageOutput(target).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(IntegrityError);
    expect(error.message).toContain(`${join(target, 'data.ndjson')}: bytes: expected`);
  });

  it('refuses to upload a folder that fails its manifest, and reports a missing artifact', async () => {
    const source = join(root, 'upload-3');
    await writeStageOutput(source, { ...info, shard: '85031' }, parcels(10));
    await appendFile(join(source, 'data.ndjson'), '\n{"apn":"late"}\n');
    await expect(uploadStage(client, 'county-85031', source, memoryLogger())).rejects.toThrow(
      IntegrityError,
    );
    await expect(
      downloadStage(client, 'county-85031', join(root, 'x'), memoryLogger()),
    ).rejects.toThrow(NonRetryableError);
  });
});
