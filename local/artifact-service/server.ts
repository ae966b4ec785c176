import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../shared/logger.js';
import { artifactMethods, type ArtifactServiceContext } from './artifact-methods.js';
import { handleBlobRequest, type BlockTraffic } from './blob-routes.js';
import { BlobStore } from './blob-store.js';
import { artifactClientEnv, type ArtifactClientEnv } from './client-env.js';
import { ArtifactRegistry } from './registry.js';
import { UrlSigner } from './signed-url.js';
import { StorageError, sendStorageError } from './storage-responses.js';
import { backendIdsFromAuthorization } from './token.js';
import { TwirpError, readJsonBody, sendJson, sendTwirpError } from './twirp.js';

const twirpPrefix = '/twirp/github.actions.results.api.v1.ArtifactService/';

/** Where and how to run the emulator. */
export interface ArtifactServiceOptions {
  /** Folder for artifact content and the index; kept after close, reusable by a later start. */
  storageDir: string;
  /** Port to listen on; 0 (default) picks a free one. The host is always 127.0.0.1. */
  port?: number;
  /** Receives request failures and debug lines; silent when absent. */
  logger?: Logger;
  /** Delay added before each uploaded block is stored, like a remote store's latency. */
  blockLatencyMs?: number;
}

/** A running emulator of GitHub's Actions Results service (artifacts part). */
export interface ArtifactService {
  /** Origin to use as `ACTIONS_RESULTS_URL`, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** The environment `@actions/artifact` needs to act as job `jobBackendId` of run `runBackendId`. */
  clientEnv(runBackendId: string, jobBackendId: string): ArtifactClientEnv;
  /** Put Block traffic so far (blocks staged, most received at once). */
  blockTraffic(): Readonly<BlockTraffic>;
  /** Stops listening and drops open connections; stored artifacts stay on disk. */
  close(): Promise<void>;
}

const silent: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warning: () => undefined,
  error: () => undefined,
  startGroup: () => undefined,
  endGroup: () => undefined,
};

async function handleTwirp(
  request: IncomingMessage,
  response: ServerResponse,
  context: ArtifactServiceContext,
) {
  const path = request.url?.split('?')[0] ?? '';
  const method = path.startsWith(twirpPrefix)
    ? artifactMethods[path.slice(twirpPrefix.length)]
    : undefined;
  if (request.method !== 'POST' || !method) {
    throw new TwirpError('bad_route', `no handler for ${request.method} ${path}`);
  }
  if (!String(request.headers['content-type']).startsWith('application/json')) {
    throw new TwirpError('bad_route', 'only application/json requests are served');
  }
  const caller = backendIdsFromAuthorization(request.headers.authorization);
  if (!caller) throw new TwirpError('unauthenticated', 'missing or invalid runtime token');
  sendJson(response, 200, await method(await readJsonBody(request), caller, context));
}

/** Starts the emulator on 127.0.0.1, keeping artifacts under `storageDir`. */
export async function startArtifactService(
  options: ArtifactServiceOptions,
): Promise<ArtifactService> {
  const logger = options.logger ?? silent;
  let origin = '';
  const context: ArtifactServiceContext = {
    registry: await ArtifactRegistry.open(options.storageDir),
    store: new BlobStore(options.storageDir),
    signer: new UrlSigner(),
    origin: () => origin,
    logger,
    blockTraffic: {
      latencyMs: options.blockLatencyMs ?? 0,
      staged: 0,
      inFlight: 0,
      maxInFlight: 0,
    },
  };
  const server = createServer((request, response) => {
    const twirp = request.url?.startsWith('/twirp/') ?? false;
    const work = twirp
      ? handleTwirp(request, response, context)
      : handleBlobRequest(request, response, context);
    work.catch((error: unknown) => {
      logger.debug(`artifact service: ${request.method} ${request.url}: ${String(error)}`);
      if (response.headersSent) return void response.destroy();
      if (twirp) {
        const known =
          error instanceof TwirpError ? error : new TwirpError('internal', String(error));
        return sendTwirpError(response, known);
      }
      const known =
        error instanceof StorageError
          ? error
          : new StorageError(500, 'InternalError', String(error));
      sendStorageError(request, response, known);
    });
  });
  server.listen(options.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  logger.debug(`artifact service: listening on ${origin}, storing in ${options.storageDir}`);
  return {
    url: origin,
    clientEnv: (runBackendId, jobBackendId) =>
      artifactClientEnv(origin, runBackendId, jobBackendId),
    blockTraffic: () => ({ ...context.blockTraffic }),
    async close() {
      const closed = new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
      server.closeAllConnections();
      await closed;
      await context.registry.flush();
    },
  };
}
