import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { insertNew } from '../../../shared/db/insert-new.js';
import { COLLECTIONS } from '../../../shared/db/schema.js';
import {
  enrichmentFieldsSchema,
  fieldConfidenceSchema,
  type Enrichment,
} from '../../../shared/model/enrichment.js';
import type { Extraction } from './reply.js';

/** A model's extraction kept under its input hash, so the same input never costs a second call. */
export interface CachedExtraction extends Extraction {
  /** Cache key: see `inputSha256`. */
  inputSha256: string;
  /** Full model name. */
  model: string;
  /** When the model produced it. */
  extractedAt: string;
  /** Property key it was extracted for (absent in entries written before keys were kept). */
  key?: string;
  /** `inputDigest` of what the model read, to tell a changed listing from a new prompt. */
  inputDigest?: string;
}

/** Where extractions are kept between runs. */
export interface ExtractionCache {
  /** Names the cache in logs. */
  readonly name: string;
  /** The cached extractions among `keys`. */
  lookup(keys: readonly string[]): Promise<Map<string, CachedExtraction>>;
  /** Keeps `entries`; a later lookup finds them. */
  store(entries: readonly CachedExtraction[]): Promise<void>;
  /**
   * Which of `keys` the model has read before, under any model or prompt: property key -> the
   * `inputDigest` it read last, or null when the cache cannot tell which input that was.
   */
  readBefore(keys: readonly string[]): Promise<Map<string, string | null>>;
}

/** The MongoDB collection of the cache; `_id` is the input hash. */
export const CACHE_COLLECTION = COLLECTIONS.enrichmentCache;

// FerretDB hangs on bulk writes with many updates matching existing documents: keep chunks of
// replacements small.
const WRITE_CHUNK = 50;
const READ_CHUNK = 500;

const cacheDocumentSchema = z.object({
  _id: z.string(),
  model: z.string().min(1),
  fields: enrichmentFieldsSchema,
  fieldConfidence: fieldConfidenceSchema,
  confidence: z.number().min(0).max(1),
  extractedAt: z.string(),
  key: z.string().optional(),
  inputDigest: z.string().optional(),
});
type CacheDocument = z.output<typeof cacheDocumentSchema>;

/** The cache in MongoDB. A document that no longer fits the schema is a miss, not an error. */
export class MongoExtractionCache implements ExtractionCache {
  readonly name = `MongoDB ${CACHE_COLLECTION}`;
  readonly #collection: Collection<CacheDocument>;

  constructor(db: Db) {
    this.#collection = db.collection<CacheDocument>(CACHE_COLLECTION);
  }

  async lookup(keys: readonly string[]): Promise<Map<string, CachedExtraction>> {
    const found = new Map<string, CachedExtraction>();
    for (let at = 0; at < keys.length; at += READ_CHUNK) {
      const ids = keys.slice(at, at + READ_CHUNK);
      for await (const document of this.#collection.find({ _id: { $in: ids } })) {
        const parsed = cacheDocumentSchema.safeParse(document);
        if (!parsed.success) continue;
        const { _id, ...entry } = parsed.data;
        found.set(_id, { ...entry, inputSha256: _id });
      }
    }
    return found;
  }

  /**
   * Inserts the entries, and replaces those whose input hash is kept already (a refresh, or a
   * concurrent run): almost every entry is new, and an insert costs the server a fraction of an
   * upsert, which must look for the document first (on FerretDB about ten times as much).
   */
  async store(entries: readonly CachedExtraction[]): Promise<void> {
    const documents = entries.map(({ inputSha256, ...entry }) => ({ _id: inputSha256, ...entry }));
    const kept = new Set((await insertNew(this.#collection, documents)).duplicates);
    const replacements = documents.filter((document) => kept.has(document._id));
    for (let at = 0; at < replacements.length; at += WRITE_CHUNK) {
      await this.#collection.bulkWrite(
        replacements.slice(at, at + WRITE_CHUNK).map((document) => ({
          replaceOne: { filter: { _id: document._id }, replacement: document, upsert: true },
        })),
        { ordered: false },
      );
    }
  }

  async readBefore(keys: readonly string[]): Promise<Map<string, string | null>> {
    const latest = new Map<string, { digest: string | null; at: string }>();
    for (let at = 0; at < keys.length; at += READ_CHUNK) {
      const wanted = keys.slice(at, at + READ_CHUNK);
      const found = this.#collection.find(
        { key: { $in: wanted } },
        { projection: { key: 1, inputDigest: 1, extractedAt: 1 } },
      );
      for await (const { key, inputDigest, extractedAt } of found) {
        if (typeof key !== 'string') continue;
        const earlier = latest.get(key);
        if (!earlier || String(extractedAt) > earlier.at)
          latest.set(key, { digest: inputDigest ?? null, at: String(extractedAt) });
      }
    }
    return new Map([...latest].map(([key, { digest }]) => [key, digest]));
  }
}

/**
 * The cache as the artifact chain carries it: the model's records of an earlier `enrichment`
 * artifact given as input. Storing keeps entries for this run only; the new artifact carries them on.
 */
export class ArtifactExtractionCache implements ExtractionCache {
  readonly name = 'earlier enrichment artifacts';
  readonly #entries = new Map<string, CachedExtraction>();
  /** Keys the model read in those artifacts; which input it read, a record does not say. */
  readonly #read = new Set<string>();

  constructor(records: Iterable<Enrichment>) {
    for (const record of records) {
      if (record.method !== 'llm' || record.model === null) continue;
      this.#read.add(record.key);
      const { fields, fieldConfidence, confidence, inputSha256, model, extractedAt } = record;
      this.#entries.set(inputSha256, {
        fields,
        fieldConfidence,
        confidence,
        inputSha256,
        model,
        extractedAt,
      });
    }
  }

  lookup(keys: readonly string[]): Promise<Map<string, CachedExtraction>> {
    const found = new Map<string, CachedExtraction>();
    for (const key of keys) {
      const entry = this.#entries.get(key);
      if (entry) found.set(key, entry);
    }
    return Promise.resolve(found);
  }

  store(entries: readonly CachedExtraction[]): Promise<void> {
    for (const entry of entries) this.#entries.set(entry.inputSha256, entry);
    return Promise.resolve();
  }

  readBefore(keys: readonly string[]): Promise<Map<string, string | null>> {
    return Promise.resolve(
      new Map(keys.filter((key) => this.#read.has(key)).map((key) => [key, null])),
    );
  }
}
