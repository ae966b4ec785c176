import type { Logger } from '../../shared/logger.js';
import type { BlobStore } from './blob-store.js';
import type { ArtifactRecord, ArtifactRegistry } from './registry.js';
import type { UrlSigner } from './signed-url.js';
import type { BackendIds } from './token.js';
import { TwirpError, int64Field, stringField, type TwirpBody } from './twirp.js';
import type { BlockTraffic } from './blob-routes.js';

/** What the ArtifactService methods work with. */
export interface ArtifactServiceContext {
  registry: ArtifactRegistry;
  store: BlobStore;
  signer: UrlSigner;
  /** Origin of the running server, e.g. `http://127.0.0.1:40123`, for signed URLs. */
  origin: () => string;
  logger: Logger;
  /** Put Block counters and latency, shared with the blob routes. */
  blockTraffic: BlockTraffic;
}

/** One twirp method: request body and the caller's token ids in, response body out. */
type ArtifactMethod = (
  body: TwirpBody,
  caller: BackendIds,
  context: ArtifactServiceContext,
) => Promise<object>;

const uploadUrlTtlMs = 6 * 3600_000;
const downloadUrlTtlMs = 3600_000;

/** The run a request is about; a token only reaches its own run, as in production. */
function runOf(body: TwirpBody, caller: BackendIds): string {
  const run = stringField(body, 'workflow_run_backend_id', true);
  if (run !== caller.runBackendId) {
    throw new TwirpError('permission_denied', 'token is not scoped to this workflow run');
  }
  return run;
}

function blobPath(record: ArtifactRecord): string {
  return `/blob/artifacts/${record.blobKey}`;
}

function finalizedArtifact(context: ArtifactServiceContext, run: string, name: string) {
  const record = context.registry.find(run, name);
  if (!record?.finalized) throw new TwirpError('not_found', `artifact '${name}' not found`);
  return record;
}

/** The service's methods by twirp method name. */
export const artifactMethods: Record<string, ArtifactMethod> = {
  async CreateArtifact(body, caller, context) {
    const run = runOf(body, caller);
    const name = stringField(body, 'name', true);
    const expiresAt = stringField(body, 'expires_at');
    if (expiresAt !== undefined && Number.isNaN(Date.parse(expiresAt))) {
      throw new TwirpError('invalid_argument', 'expires_at must be an RFC 3339 timestamp');
    }
    if (context.registry.find(run, name)) {
      throw new TwirpError(
        'already_exists',
        'an artifact with this name already exists on the workflow run',
      );
    }
    const record = await context.registry.create({
      runBackendId: run,
      jobBackendId: stringField(body, 'workflow_job_run_backend_id', true),
      name,
      mimeType: stringField(body, 'mime_type') ?? 'application/zip',
      createdAt: new Date().toISOString(),
      ...(expiresAt === undefined ? {} : { expiresAt: new Date(expiresAt).toISOString() }),
    });
    context.logger.debug(`artifact service: created '${name}' (id ${record.id}) in run ${run}`);
    const url = context.signer.sign(context.origin(), blobPath(record), 'cw', uploadUrlTtlMs);
    return { ok: true, signed_upload_url: url };
  },

  async FinalizeArtifact(body, caller, context) {
    const run = runOf(body, caller);
    const name = stringField(body, 'name', true);
    const record = context.registry.find(run, name);
    if (!record) throw new TwirpError('not_found', `artifact '${name}' not found`);
    // Idempotent, so a client retrying after a lost response gets the same id.
    if (record.finalized) return { ok: true, artifact_id: String(record.id) };
    const blob = await context.store.properties(record.blobKey);
    if (!blob)
      throw new TwirpError('failed_precondition', `artifact '${name}' has no uploaded content`);
    const size = int64Field(body, 'size');
    if (size !== undefined && size !== blob.size) {
      throw new TwirpError(
        'invalid_argument',
        `size ${size} does not match the ${blob.size} bytes uploaded`,
      );
    }
    const digest = `sha256:${blob.sha256}`;
    const hash = stringField(body, 'hash');
    if (hash !== undefined && hash !== digest) {
      throw new TwirpError(
        'invalid_argument',
        `hash ${hash} does not match the uploaded content (${digest})`,
      );
    }
    await context.registry.finalize(record, blob.size, digest);
    context.logger.debug(`artifact service: finalized '${name}' (${blob.size} bytes)`);
    return { ok: true, artifact_id: String(record.id) };
  },

  ListArtifacts(body, caller, context) {
    const run = runOf(body, caller);
    const filter = { name: stringField(body, 'name_filter'), id: int64Field(body, 'id_filter') };
    const artifacts = context.registry.list(run, filter).map((record) => ({
      workflow_run_backend_id: record.runBackendId,
      workflow_job_run_backend_id: record.jobBackendId,
      database_id: String(record.id),
      name: record.name,
      size: String(record.size ?? 0),
      created_at: record.createdAt,
      ...(record.digest ? { digest: record.digest } : {}),
    }));
    return Promise.resolve({ artifacts });
  },

  GetSignedArtifactURL(body, caller, context) {
    const record = finalizedArtifact(context, runOf(body, caller), stringField(body, 'name', true));
    const fileName = record.mimeType === 'application/zip' ? `${record.name}.zip` : record.name;
    const overrides = {
      contentType: record.mimeType,
      contentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    };
    const url = context.signer.sign(
      context.origin(),
      blobPath(record),
      'r',
      downloadUrlTtlMs,
      overrides,
    );
    return Promise.resolve({ signed_url: url });
  },

  async DeleteArtifact(body, caller, context) {
    const record = finalizedArtifact(context, runOf(body, caller), stringField(body, 'name', true));
    await context.store.remove(record.blobKey);
    await context.registry.remove(record);
    context.logger.debug(`artifact service: deleted '${record.name}' (id ${record.id})`);
    return { ok: true, artifact_id: String(record.id) };
  },
};
