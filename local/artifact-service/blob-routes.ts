import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { IncompleteBodyError } from './blob-files.js';
import { InvalidBlockListError, type BlobProperties, type BlobStore } from './blob-store.js';
import { parseBlockList } from './block-list.js';
import type { BlobPermission, UrlSigner } from './signed-url.js';
import { StorageError, commonHeaders } from './storage-responses.js';

function contentLength(request: IncomingMessage): number | undefined {
  const header = request.headers['content-length'];
  return header === undefined ? undefined : Number(header);
}

function created(request: IncomingMessage, response: ServerResponse, blob?: BlobProperties) {
  response.writeHead(201, {
    ...commonHeaders(request.headers),
    'x-ms-request-server-encrypted': 'true',
    'Content-Length': 0,
    ...(blob
      ? { ETag: blob.etag, 'Last-Modified': new Date(blob.lastModified).toUTCString() }
      : {}),
  });
  response.end();
}

/** Maps the store's failures onto Azure's error codes. */
async function storing<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof InvalidBlockListError)
      throw new StorageError(400, 'InvalidBlockList', error.message);
    if (error instanceof IncompleteBodyError)
      throw new StorageError(400, 'IncompleteBody', error.message);
    throw error;
  }
}

/** Put Block traffic as the service saw it, and the latency it adds to each block. */
export interface BlockTraffic {
  /** Delay before a block is stored, as a remote store's latency; 0 by default. */
  latencyMs: number;
  /** Blocks staged so far. */
  staged: number;
  /** Blocks being received right now. */
  inFlight: number;
  /** Most blocks ever received at once: above 1 when a client uploads in parallel. */
  maxInFlight: number;
}

async function stageBlock(traffic: BlockTraffic, store: () => Promise<unknown>): Promise<void> {
  traffic.inFlight += 1;
  traffic.maxInFlight = Math.max(traffic.maxInFlight, traffic.inFlight);
  try {
    if (traffic.latencyMs > 0) await delay(traffic.latencyMs);
    await store();
    traffic.staged += 1;
  } finally {
    traffic.inFlight -= 1;
  }
}

async function upload(
  url: URL,
  key: string,
  request: IncomingMessage,
  response: ServerResponse,
  store: BlobStore,
  traffic: BlockTraffic,
): Promise<void> {
  const comp = url.searchParams.get('comp');
  // A CRC64 "structured message" body wraps the content in framing this emulator does not decode.
  if (request.headers['x-ms-structured-body']) {
    throw new StorageError(400, 'UnsupportedHeader', 'x-ms-structured-body is not supported');
  }
  if (comp === 'block') {
    const blockId = url.searchParams.get('blockid') ?? '';
    const decoded = Buffer.from(blockId, 'base64');
    if (!decoded.length || decoded.length > 64 || decoded.toString('base64') !== blockId) {
      throw new StorageError(400, 'InvalidQueryParameterValue', `invalid blockid '${blockId}'`);
    }
    await stageBlock(traffic, () =>
      storing(store.stageBlock(key, blockId, request, contentLength(request))),
    );
    created(request, response);
    return;
  }
  const contentType = String(request.headers['x-ms-blob-content-type'] ?? '');
  if (comp === 'blocklist') {
    const entries = await parseBlockList(request);
    const blob = await storing(
      store.commitBlockList(key, entries, contentType || 'application/octet-stream'),
    );
    created(request, response, blob);
    return;
  }
  if (comp === null && request.headers['x-ms-blob-type'] === 'BlockBlob') {
    const type =
      contentType || String(request.headers['content-type'] ?? 'application/octet-stream');
    const blob = await storing(store.putBlob(key, request, type, contentLength(request)));
    created(request, response, blob);
    return;
  }
  throw new StorageError(
    400,
    'UnsupportedQueryParameter',
    `unsupported blob operation (comp=${comp})`,
  );
}

async function download(
  url: URL,
  key: string,
  request: IncomingMessage,
  response: ServerResponse,
  store: BlobStore,
): Promise<void> {
  const blob = await store.properties(key);
  if (!blob) throw new StorageError(404, 'BlobNotFound', 'The specified blob does not exist.');
  const disposition = url.searchParams.get('rscd');
  response.writeHead(200, {
    ...commonHeaders(request.headers),
    'Content-Type': url.searchParams.get('rsct') ?? blob.contentType,
    'Content-Length': blob.size,
    ETag: blob.etag,
    'Last-Modified': new Date(blob.lastModified).toUTCString(),
    'x-ms-blob-type': 'BlockBlob',
    ...(disposition ? { 'Content-Disposition': disposition } : {}),
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  await pipeline(createReadStream(store.blobPath(key)), response);
}

/** Serves `/blob/artifacts/<key>`: Put Block, Put Block List and Put Blob uploads, GET/HEAD downloads. */
export async function handleBlobRequest(
  request: IncomingMessage,
  response: ServerResponse,
  context: { store: BlobStore; signer: UrlSigner; blockTraffic: BlockTraffic },
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const key = /^\/blob\/artifacts\/([A-Za-z0-9._-]+)$/.exec(url.pathname)?.[1];
  if (!key) throw new StorageError(400, 'InvalidUri', `no blob at ${url.pathname}`);
  const reading = request.method === 'GET' || request.method === 'HEAD';
  if (!reading && request.method !== 'PUT') {
    throw new StorageError(405, 'UnsupportedHttpVerb', `${request.method} is not supported`);
  }
  const needed: BlobPermission = reading ? 'r' : 'cw';
  const check = context.signer.check(url, needed);
  if (check !== 'ok') {
    throw new StorageError(
      403,
      'AuthenticationFailed',
      `signed URL is ${check} for this operation`,
    );
  }
  if (reading) return download(url, key, request, response, context.store);
  return upload(url, key, request, response, context.store, context.blockTraffic);
}
