import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startArtifactService,
  type ArtifactService,
} from '../../../local/artifact-service/server.js';
import { makeRuntimeToken } from '../../../local/artifact-service/token.js';

const run = 'run-wire';
const job = 'job-wire';
const token = makeRuntimeToken(run, job);
const blockId = (n: number): string =>
  Buffer.from(`block-${String(n).padStart(6, '0')}`).toString('base64');
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('artifact service wire protocol', () => {
  let root: string;
  let service: ArtifactService;

  async function twirp(method: string, body: object, bearer: string | null = token) {
    const response = await fetch(
      `${service.url}/twirp/github.actions.results.api.v1.ArtifactService/${method}`,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}),
        },
        body: JSON.stringify(body),
      },
    );
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async function create(name: string): Promise<string> {
    const ids = { workflow_run_backend_id: run, workflow_job_run_backend_id: job };
    const { status, body } = await twirp('CreateArtifact', { ...ids, name, version: 7 });
    expect(status).toBe(200);
    return body['signed_upload_url'] as string;
  }

  const put = (url: string, query: string, body: string | Buffer, headers = {}) =>
    fetch(`${url}&${query}`, { method: 'PUT', body, headers });

  async function finalizeAndFetch(name: string, content: Buffer) {
    const ids = { workflow_run_backend_id: run, workflow_job_run_backend_id: job, name };
    const hash = `sha256:${sha256(content)}`;
    const finalized = await twirp('FinalizeArtifact', {
      ...ids,
      size: String(content.length),
      hash,
    });
    expect(finalized.status).toBe(200);
    expect(finalized.body).toEqual({ ok: true, artifact_id: finalized.body['artifact_id'] });
    expect(finalized.body['artifact_id']).toMatch(/^\d+$/);
    const { body } = await twirp('GetSignedArtifactURL', ids);
    return fetch(body['signed_url'] as string);
  }

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'artifact-wire-'));
    service = await startArtifactService({ storageDir: root });
  });
  afterAll(async () => {
    await service.close();
    await rm(root, { recursive: true, force: true });
  });

  it('assembles blocks in block-list order, not arrival order', async () => {
    const url = await create('ordered');
    const parts = [Buffer.from('first-'), Buffer.from('second-'), Buffer.from('third')];
    for (const index of [2, 0, 1]) {
      const response = await put(
        url,
        `comp=block&blockid=${encodeURIComponent(blockId(index))}`,
        parts[index]!,
      );
      expect(response.status).toBe(201);
      expect(response.headers.get('x-ms-request-id')).toBeTruthy();
    }
    const list = `<?xml version="1.0" encoding="UTF-8"?><BlockList>${[0, 1, 2].map((i) => `<Latest>${blockId(i)}</Latest>`).join('')}</BlockList>`;
    const committed = await put(url, 'comp=blocklist', list, {
      'x-ms-blob-content-type': 'application/zip',
    });
    expect(committed.status).toBe(201);
    expect(committed.headers.get('etag')).toBeTruthy();

    const download = await finalizeAndFetch('ordered', Buffer.concat(parts));
    expect(download.headers.get('content-type')).toBe('application/zip');
    expect(await download.text()).toBe('first-second-third');
  });

  it('reuses committed blocks and rejects a list naming an unknown block', async () => {
    const url = await create('recommit');
    await put(url, `comp=block&blockid=${encodeURIComponent(blockId(1))}`, 'AAA');
    await put(url, `comp=block&blockid=${encodeURIComponent(blockId(2))}`, 'BBB');
    await put(
      url,
      'comp=blocklist',
      `<BlockList><Latest>${blockId(1)}</Latest><Latest>${blockId(2)}</Latest></BlockList>`,
    );
    await put(url, `comp=block&blockid=${encodeURIComponent(blockId(3))}`, 'CCC');

    const missing = await put(
      url,
      'comp=blocklist',
      `<BlockList><Uncommitted>${blockId(9)}</Uncommitted></BlockList>`,
    );
    expect(missing.status).toBe(400);
    expect(missing.headers.get('x-ms-error-code')).toBe('InvalidBlockList');

    const list = `<BlockList><Committed>${blockId(2)}</Committed><Uncommitted>${blockId(3)}</Uncommitted></BlockList>`;
    expect((await put(url, 'comp=blocklist', list)).status).toBe(201);
    expect(await (await finalizeAndFetch('recommit', Buffer.from('BBBCCC'))).text()).toBe('BBBCCC');
  });

  it('accepts a single-shot Put Blob and refuses a tampered or read-only URL', async () => {
    const url = await create('single');
    const tampered = url.replace(/sig=[^&]+/, 'sig=AAAA');
    const refused = await fetch(tampered, {
      method: 'PUT',
      body: 'x',
      headers: { 'x-ms-blob-type': 'BlockBlob' },
    });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('x-ms-error-code')).toBe('AuthenticationFailed');
    const stored = await fetch(url, {
      method: 'PUT',
      body: 'whole',
      headers: { 'x-ms-blob-type': 'BlockBlob' },
    });
    expect(stored.status).toBe(201);

    const download = await finalizeAndFetch('single', Buffer.from('whole'));
    expect(await download.text()).toBe('whole');
    const readOnly = await fetch(download.url, {
      method: 'PUT',
      body: 'y',
      headers: { 'x-ms-blob-type': 'BlockBlob' },
    });
    expect(readOnly.status).toBe(403);
  });

  it('answers twirp errors as {code, msg} with their HTTP status', async () => {
    const ids = { workflow_run_backend_id: run, workflow_job_run_backend_id: job };
    expect(await twirp('ListArtifacts', ids, null)).toMatchObject({
      status: 401,
      body: { code: 'unauthenticated' },
    });
    const foreign = { ...ids, workflow_run_backend_id: 'run-other' };
    expect(await twirp('ListArtifacts', foreign)).toMatchObject({
      status: 403,
      body: { code: 'permission_denied' },
    });
    expect(await twirp('NoSuchMethod', ids)).toMatchObject({
      status: 404,
      body: { code: 'bad_route' },
    });
    expect(await twirp('GetSignedArtifactURL', { ...ids, name: 'absent' })).toEqual({
      status: 404,
      body: { code: 'not_found', msg: "artifact 'absent' not found" },
    });
    await create('unfinished');
    expect(
      await twirp('FinalizeArtifact', { ...ids, name: 'unfinished', size: '1' }),
    ).toMatchObject({
      status: 412,
      body: { code: 'failed_precondition' },
    });
  });

  it('lists with int64 values as strings and RFC 3339 timestamps', async () => {
    const url = await create('listed');
    await fetch(url, {
      method: 'PUT',
      body: 'eighteen bytes....',
      headers: { 'x-ms-blob-type': 'BlockBlob' },
    });
    await finalizeAndFetch('listed', Buffer.from('eighteen bytes....'));
    const ids = { workflow_run_backend_id: run, workflow_job_run_backend_id: job };
    const { body } = await twirp('ListArtifacts', { ...ids, name_filter: 'listed' });
    const artifacts = body['artifacts'] as Record<string, unknown>[];
    expect(artifacts).toHaveLength(1);
    const { database_id: databaseId, created_at: createdAt, ...rest } = artifacts[0]!;
    expect(databaseId).toMatch(/^\d+$/);
    expect(createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(rest).toEqual({
      workflow_run_backend_id: run,
      workflow_job_run_backend_id: job,
      name: 'listed',
      size: '18',
      digest: `sha256:${sha256(Buffer.from('eighteen bytes....'))}`,
    });
  });
});
