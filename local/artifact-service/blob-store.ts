import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { concatenate, writeFileAtomically } from './blob-files.js';

/** A committed blob's properties, kept beside its bytes as `<key>.json`. */
export interface BlobProperties {
  /** Size in bytes. */
  size: number;
  /** Hex sha256 of the content. */
  sha256: string;
  /** Content-Type to serve it with. */
  contentType: string;
  /** Quoted entity tag, changed on every commit. */
  etag: string;
  /** Time of the last commit, ISO 8601. */
  lastModified: string;
  /** The committed blocks in order, so a later block list can reuse them as `Committed`. */
  blocks: { id: string; size: number }[];
}

/** One entry of a Put Block List body: which list to take block `id` from. */
export interface BlockListEntry {
  /** `Latest`: uncommitted if staged, else committed; the others take only that list. */
  list: 'Latest' | 'Committed' | 'Uncommitted';
  /** The base64 block id as the client sent it. */
  id: string;
}

/** A block list named a block that is not there (Azure's `InvalidBlockList`). */
export class InvalidBlockListError extends Error {}

/**
 * Azure block-blob semantics on disk: staged blocks are files under `blocks/<key>/`, a commit
 * streams them in block-list order into `blobs/<key>`. Memory stays bounded by stream buffers.
 */
export class BlobStore {
  readonly #root: string;
  #commits = new Map<string, Promise<unknown>>();

  constructor(root: string) {
    this.#root = root;
  }

  /** Path of a blob's bytes; keys are chosen by the service and are file-name safe. */
  blobPath(key: string): string {
    return join(this.#root, 'blobs', key);
  }

  #blockPath(key: string, blockId: string): string {
    return join(this.#root, 'blocks', key, Buffer.from(blockId).toString('hex'));
  }

  /** Put Block: stores one uncommitted block by id (a retry of the same id replaces it). */
  async stageBlock(key: string, blockId: string, body: Readable, length?: number) {
    await mkdir(join(this.#root, 'blocks', key), { recursive: true });
    return writeFileAtomically(body, this.#blockPath(key, blockId), length);
  }

  /** Put Blob: replaces the blob with one request's body. */
  async putBlob(key: string, body: Readable, contentType: string, length?: number) {
    await mkdir(join(this.#root, 'blobs'), { recursive: true });
    const { size, sha256 } = await writeFileAtomically(body, this.blobPath(key), length);
    await rm(join(this.#root, 'blocks', key), { recursive: true, force: true });
    return this.#saveProperties(key, { size, sha256, contentType, blocks: [] });
  }

  /** Put Block List: assembles the blob from blocks in list order; commits of one key queue up. */
  async commitBlockList(key: string, entries: BlockListEntry[], contentType: string) {
    const previous = this.#commits.get(key) ?? Promise.resolve();
    const commit = previous
      .catch(() => undefined)
      .then(() => this.#commit(key, entries, contentType));
    this.#commits.set(key, commit);
    try {
      return await commit;
    } finally {
      if (this.#commits.get(key) === commit) this.#commits.delete(key);
    }
  }

  async #commit(key: string, entries: BlockListEntry[], contentType: string) {
    const committed = (await this.properties(key))?.blocks ?? [];
    const sources = await Promise.all(entries.map((entry) => this.#locate(key, entry, committed)));
    await mkdir(join(this.#root, 'blobs'), { recursive: true });
    const { size, sha256 } = await writeFileAtomically(concatenate(sources), this.blobPath(key));
    await rm(join(this.#root, 'blocks', key), { recursive: true, force: true });
    const blocks = sources.map((source) => ({ id: source.id, size: source.size }));
    return this.#saveProperties(key, { size, sha256, contentType, blocks });
  }

  /** Where a listed block's bytes are: its staged file, or a range of the committed blob. */
  async #locate(key: string, entry: BlockListEntry, committed: BlobProperties['blocks']) {
    if (entry.list !== 'Committed') {
      const path = this.#blockPath(key, entry.id);
      const staged = await stat(path).catch(() => undefined);
      if (staged)
        return { id: entry.id, size: staged.size, path, start: undefined, end: undefined };
    }
    let offset = 0;
    for (const block of committed) {
      if (block.id === entry.id && entry.list !== 'Uncommitted') {
        const range = { start: offset, end: offset + block.size - 1 };
        return { id: block.id, size: block.size, path: this.blobPath(key), ...range };
      }
      offset += block.size;
    }
    throw new InvalidBlockListError(`block ${entry.id} (${entry.list}) not found`);
  }

  async #saveProperties(key: string, content: Omit<BlobProperties, 'etag' | 'lastModified'>) {
    const properties: BlobProperties = {
      ...content,
      etag: `"0x${randomUUID().replaceAll('-', '').slice(0, 15).toUpperCase()}"`,
      lastModified: new Date().toISOString(),
    };
    await writeFile(`${this.blobPath(key)}.json`, JSON.stringify(properties));
    return properties;
  }

  /** A committed blob's properties, or undefined when there is none. */
  async properties(key: string): Promise<BlobProperties | undefined> {
    const text = await readFile(`${this.blobPath(key)}.json`, 'utf8').catch(() => undefined);
    return text === undefined ? undefined : (JSON.parse(text) as BlobProperties);
  }

  /** Deletes a blob, its properties and any staged blocks. */
  async remove(key: string): Promise<void> {
    await rm(this.blobPath(key), { force: true });
    await rm(`${this.blobPath(key)}.json`, { force: true });
    await rm(join(this.#root, 'blocks', key), { recursive: true, force: true });
  }
}
