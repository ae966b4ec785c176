import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** An artifact the service knows, from CreateArtifact until deletion. */
export interface ArtifactRecord {
  /** Database id, unique across runs (the client's `artifact.id`). */
  id: number;
  /** Workflow run the artifact belongs to; lookups are scoped to it. */
  runBackendId: string;
  /** Job that created it. */
  jobBackendId: string;
  /** Name, unique within the run. */
  name: string;
  /** Content type the client declared (`application/zip` unless uploaded raw). */
  mimeType: string;
  /** Key of the blob holding the content. */
  blobKey: string;
  /** When it was created, ISO 8601. */
  createdAt: string;
  /** When it expires, ISO 8601; expired artifacts are no longer listed. */
  expiresAt?: string;
  /** Set by FinalizeArtifact: size in bytes. */
  size?: number;
  /** Set by FinalizeArtifact: `sha256:<hex>` of the content. */
  digest?: string;
  /** True once FinalizeArtifact succeeded; only finalized artifacts are listed. */
  finalized: boolean;
}

interface RegistryIndex {
  nextId: number;
  artifacts: ArtifactRecord[];
}

/**
 * Artifact metadata, in memory and mirrored to `index.json` in the storage folder so that a
 * service restarted on the same folder still serves earlier artifacts.
 */
export class ArtifactRegistry {
  readonly #path: string;
  readonly #index: RegistryIndex;
  #saving: Promise<void> = Promise.resolve();

  private constructor(path: string, index: RegistryIndex) {
    this.#path = path;
    this.#index = index;
  }

  /** Loads the registry kept in `dir`, or starts an empty one. */
  static async open(dir: string): Promise<ArtifactRegistry> {
    await mkdir(dir, { recursive: true });
    const path = join(dir, 'index.json');
    const text = await readFile(path, 'utf8').catch(() => undefined);
    const index = text ? (JSON.parse(text) as RegistryIndex) : { nextId: 1, artifacts: [] };
    return new ArtifactRegistry(path, index);
  }

  /** The artifact called `name` in a run, finalized or not. */
  find(runBackendId: string, name: string): ArtifactRecord | undefined {
    return this.#index.artifacts.find((a) => a.runBackendId === runBackendId && a.name === name);
  }

  /** Finalized, unexpired artifacts of a run, optionally filtered by name and id, oldest first. */
  list(runBackendId: string, filter: { name?: string; id?: number }, now = new Date()) {
    return this.#index.artifacts.filter(
      (a) =>
        a.runBackendId === runBackendId &&
        a.finalized &&
        (a.expiresAt === undefined || Date.parse(a.expiresAt) > now.getTime()) &&
        (filter.name === undefined || a.name === filter.name) &&
        (filter.id === undefined || a.id === filter.id),
    );
  }

  /** Adds an artifact; the caller has checked the name is free in the run. */
  async create(fields: Omit<ArtifactRecord, 'id' | 'blobKey' | 'finalized'>) {
    const id = this.#index.nextId++;
    const safeName = fields.name.replace(/[^A-Za-z0-9._-]/g, '_');
    const extension = fields.mimeType === 'application/zip' ? '.zip' : '';
    const record = { ...fields, id, blobKey: `${id}-${safeName}${extension}`, finalized: false };
    this.#index.artifacts.push(record);
    await this.#save();
    return record;
  }

  /** Records a successful upload. */
  async finalize(record: ArtifactRecord, size: number, digest: string): Promise<void> {
    Object.assign(record, { size, digest, finalized: true });
    await this.#save();
  }

  /** Forgets an artifact. */
  async remove(record: ArtifactRecord): Promise<void> {
    this.#index.artifacts = this.#index.artifacts.filter((a) => a !== record);
    await this.#save();
  }

  /** Resolves when every queued write of the index is on disk. */
  async flush(): Promise<void> {
    await this.#saving.catch(() => undefined);
  }

  /** Writes the index (temp file, rename); writes queue so the file never interleaves. */
  #save(): Promise<void> {
    const snapshot = JSON.stringify(this.#index, null, 2);
    this.#saving = this.#saving
      .catch(() => undefined)
      .then(async () => {
        await writeFile(`${this.#path}.tmp`, snapshot);
        await rename(`${this.#path}.tmp`, this.#path);
      });
    return this.#saving;
  }
}
