import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { COLLECTIONS } from '../../../shared/db/schema.js';
import { propertyKeySchema, timestampSchema } from '../../../shared/model/common.js';
import type { Subject } from './subjects.js';

/**
 * Properties the model did not get to before the night's time ran out. They get no enrichment
 * record (the rules extractor does not stand in, as if the model had run); they are kept where the
 * next night finds them on a fresh runner, and that night sends them to the model first.
 */

/**
 * File beside the enrichment data that lists what the run carried (the artifact chain reads it): a
 * JSON array, since a manifest lists an NDJSON file only as records of a record type.
 */
export const CARRIED_FILE = 'carried.json';
/** MongoDB collection of carried properties; `_id` is the property key. */
export const CARRIED_COLLECTION = COLLECTIONS.enrichmentCarried;

/** One carried property: what the model is to read, and since when it waits. */
export const carriedSubjectSchema = z.object({
  key: propertyKeySchema,
  input: z.object({
    facts: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
    description: z.string(),
  }),
  /** When it was first carried. */
  since: timestampSchema,
});
export type CarriedSubject = z.output<typeof carriedSubjectSchema>;

/** The content of `CARRIED_FILE`. */
export const carriedFileSchema = z.array(carriedSubjectSchema);

/** The subject a carried property stands for. */
export function carriedToSubject(carried: CarriedSubject): Subject {
  return { key: carried.key, input: carried.input, inputText: JSON.stringify(carried.input) };
}

/** Where carried properties wait between nights. */
export interface CarriedStore {
  readonly name: string;
  /** Everything carried so far. */
  load(): Promise<CarriedSubject[]>;
  /** Keeps `carried` for the next night and forgets `done`. */
  save(carried: readonly CarriedSubject[], done: readonly string[]): Promise<void>;
}

type CarriedDocument = Omit<CarriedSubject, 'key'> & { _id: string };
const CHUNK = 50;

/** Carried properties in MongoDB. A document that no longer fits the schema is dropped on load. */
export class MongoCarriedStore implements CarriedStore {
  readonly name = `MongoDB ${CARRIED_COLLECTION}`;
  readonly #collection: Collection<CarriedDocument>;

  constructor(db: Db) {
    this.#collection = db.collection<CarriedDocument>(CARRIED_COLLECTION);
  }

  async load(): Promise<CarriedSubject[]> {
    const found: CarriedSubject[] = [];
    for await (const { _id, ...rest } of this.#collection.find()) {
      const parsed = carriedSubjectSchema.safeParse({ ...rest, key: _id });
      if (parsed.success) found.push(parsed.data);
    }
    return found;
  }

  async save(carried: readonly CarriedSubject[], done: readonly string[]): Promise<void> {
    for (let at = 0; at < done.length; at += CHUNK) {
      await this.#collection.deleteMany({ _id: { $in: done.slice(at, at + CHUNK) } });
    }
    // FerretDB hangs on large bulk writes that match existing documents: keep chunks small.
    for (let at = 0; at < carried.length; at += CHUNK) {
      const operations = carried.slice(at, at + CHUNK).map(({ key, ...rest }) => ({
        replaceOne: { filter: { _id: key }, replacement: { _id: key, ...rest }, upsert: true },
      }));
      await this.#collection.bulkWrite(operations, { ordered: false });
    }
  }
}
