import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { COLLECTION_NAMES, DATABASE_SCHEMA } from '../../../shared/db/schema.js';
import { findCollectionUses, type CollectionUse } from './collection-uses.js';

const root = path.resolve(import.meta.dirname, '../../..');

// Code that works on whatever collections the database holds (a backup takes them all, a restore
// writes back what the backup holds, storage sizes every collection), so its names are strings.
const ANY_COLLECTION = [
  'actions/maintain-db/src/backup.ts',
  'actions/maintain-db/src/index-specs.ts',
  'actions/maintain-db/src/restore-writes.ts',
  'actions/maintain-db/src/storage.ts',
];

describe('the database declaration', () => {
  let uses: CollectionUse[] = [];
  // One type-checked pass over the sources (some seconds), shared by the tests below.
  beforeAll(() => {
    uses = findCollectionUses(root, ['actions', 'shared']);
  });

  it('declares every collection the actions and shared code open', () => {
    expect(uses.length).toBeGreaterThan(10);
    const undeclared = uses.flatMap((use) =>
      use.names
        .filter((name) => !COLLECTION_NAMES.includes(name as never))
        .map((name) => `${use.where}: '${name}'`),
    );
    expect(undeclared).toEqual([]);
    const unknown = uses
      .filter((use) => use.names.length === 0)
      .map((use) => use.where.replace(/:\d+$/, ''))
      .filter((file) => !ANY_COLLECTION.includes(file));
    // A name the checker cannot pin down (a plain string): use COLLECTIONS or CollectionName.
    expect(unknown).toEqual([]);
  });

  it('declares no collection that nothing opens by name', () => {
    const opened = new Set(
      uses.filter((use) => use.names.length === 1).flatMap((use) => use.names),
    );
    expect(COLLECTION_NAMES.filter((name) => !opened.has(name))).toEqual([]);
  });

  it('gives each collection one entry and its indexes unique names', () => {
    expect(new Set(COLLECTION_NAMES).size).toBe(Object.keys(DATABASE_SCHEMA).length);
    for (const { name, indexes } of Object.values(DATABASE_SCHEMA)) {
      const names = indexes.map((index) => index.name);
      expect(new Set(names).size, `${name}: index names`).toBe(names.length);
      expect(names, `${name}: _id_ comes with the collection`).not.toContain('_id_');
    }
  });
});
