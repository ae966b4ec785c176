import { DefaultArtifactClient } from '@actions/artifact';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  startArtifactService,
  type ArtifactService,
} from '../../../local/artifact-service/server.js';
import { useClientEnv } from './client-env.js';

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('artifact service emulator with the unmodified @actions/artifact client', () => {
  let root: string;
  let service: ArtifactService;
  let restoreEnv: (() => void) | undefined;
  const client = new DefaultArtifactClient();

  const actAs = (run: string, job = 'job-1'): void => {
    restoreEnv?.();
    restoreEnv = useClientEnv(service.clientEnv(run, job));
  };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'artifact-service-'));
    // Like a remote blob store, each block takes a moment to land, so parallel uploads overlap.
    service = await startArtifactService({
      storageDir: join(root, 'storage'),
      blockLatencyMs: 300,
    });
  });
  afterEach(() => {
    restoreEnv?.();
    restoreEnv = undefined;
  });
  afterAll(async () => {
    await service.close();
    await rm(root, { recursive: true, force: true });
  });

  it('takes 20 MiB as overlapping 8 MiB blocks and serves it back byte-identical', async () => {
    actAs('run-big');
    const content = randomBytes(20 * 1024 * 1024);
    const source = await fileDir('payload.bin', content);

    const started = performance.now();
    // Level 0: random bytes do not compress, and the fast zip stream keeps several blocks in flight.
    const uploaded = await client.uploadArtifact('big', [join(source, 'payload.bin')], source, {
      compressionLevel: 0,
    });
    const { artifact } = await client.getArtifact('big');
    const target = join(root, 'big-dst');
    const downloaded = await client.downloadArtifact(artifact.id, {
      path: target,
      expectedHash: artifact.digest,
    });
    console.log(`20 MiB round trip: ${Math.round(performance.now() - started)} ms`);

    expect(service.blockTraffic().staged).toBe(3);
    expect(service.blockTraffic().maxInFlight).toBeGreaterThanOrEqual(2);
    expect(artifact).toMatchObject({ id: uploaded.id, size: uploaded.size });
    expect(downloaded.digestMismatch).toBe(false);
    expect(sha256(await readFile(join(target, 'payload.bin')))).toBe(sha256(content));
  });

  it('refuses a second artifact with the same name in the run as production does (409)', async () => {
    actAs('run-dup');
    const dir = await fileDir('first.txt', 'one');
    await client.uploadArtifact('report', [join(dir, 'first.txt')], dir);
    await expect(client.uploadArtifact('report', [join(dir, 'first.txt')], dir)).rejects.toThrow(
      'Failed to CreateArtifact: Received non-retryable error: Failed request: (409) Conflict: ' +
        'an artifact with this name already exists on the workflow run',
    );
  });

  it('finds artifacts by name within their run only', async () => {
    actAs('run-list');
    const dir = await fileDir('a.txt', 'alpha');
    const { id } = await client.uploadArtifact('listed', [join(dir, 'a.txt')], dir);
    await client.uploadArtifact('other', [join(dir, 'a.txt')], dir);

    const { artifact } = await client.getArtifact('listed');
    expect(artifact).toMatchObject({ id, name: 'listed' });
    expect(artifact.createdAt).toBeInstanceOf(Date);
    expect(artifact.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const { artifacts } = await client.listArtifacts();
    expect(artifacts.map((a) => a.name).sort()).toEqual(['listed', 'other']);

    actAs('run-elsewhere', 'job-9');
    await expect(client.getArtifact('listed')).rejects.toThrow(
      'Artifact not found for name: listed',
    );
    expect((await client.listArtifacts()).artifacts).toEqual([]);
  });

  it('deletes an artifact, after which its name can be used again', async () => {
    actAs('run-delete');
    const dir = await fileDir('d.txt', 'delta');
    const first = await client.uploadArtifact('temp', [join(dir, 'd.txt')], dir);
    expect((await client.deleteArtifact('temp')).id).toBe(first.id);
    await expect(client.getArtifact('temp')).rejects.toThrow('Artifact not found');
    const second = await client.uploadArtifact('temp', [join(dir, 'd.txt')], dir);
    expect(second.id).not.toBe(first.id);
  });

  it('keeps artifacts across a restart on the same storage folder', async () => {
    actAs('run-restart');
    const dir = await fileDir('r.txt', 'restart me');
    await client.uploadArtifact('kept', [join(dir, 'r.txt')], dir);
    await service.close();
    service = await startArtifactService({ storageDir: join(root, 'storage') });
    actAs('run-restart');
    const { artifact } = await client.getArtifact('kept');
    const target = join(root, 'kept-dst');
    await client.downloadArtifact(artifact.id, { path: target });
    expect(await readFile(join(target, 'r.txt'), 'utf8')).toBe('restart me');
  });

  async function fileDir(name: string, content: string | Buffer): Promise<string> {
    const dir = await mkdtemp(join(root, 'src-'));
    await writeFile(join(dir, name), content);
    return dir;
  }
});
