import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerEntriesFor, type CostLedger } from '../../../actions/check-budget/src/ledger.js';
import { FileLedger } from '../../../actions/check-budget/src/ledger-file.js';
import { COSTS_COLLECTION, MongoLedger } from '../../../actions/check-budget/src/ledger-mongo.js';
import type { CostLine } from '../../../actions/check-budget/src/pricing.js';
import { IntegrityError } from '../../../shared/errors.js';
import { memoryLogger } from '../../../shared/logger.js';
import { useTestDatabase } from '../../support/database.js';

const database = useTestDatabase();
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'budget-ledger-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function line(service: CostLine['service'], cost: number): CostLine {
  return { service, item: service, unit: 'solve', quantity: 100, price: 3, per: 1000, cost };
}

/** The URI of this file's test database: the ledger uses the database the URI names. */
function databaseUri(): string {
  const url = new URL(database.uri);
  url.pathname = `/${database.db.databaseName}`;
  return url.toString();
}

const ledgers: Array<[string, () => Promise<CostLedger>]> = [
  ['MongoDB', () => MongoLedger.open(databaseUri(), '', memoryLogger())],
  ['a file', () => Promise.resolve(new FileLedger(join(dir, 'ledgers', 'budget-ledger.ndjson')))],
];

describe.each(ledgers)('the ledger in %s', (_name, open) => {
  it('counts a run recorded twice once, keeping the day it was first recorded', async () => {
    const ledger = await open();
    try {
      // 23:50 on November 30th in Phoenix, then again 20 minutes later, on December 1st.
      const first = new Date('2026-12-01T06:50:00Z');
      const again = new Date('2026-12-01T07:10:00Z');
      await ledger.record(
        ledgerEntriesFor('501', [line('captcha', 0.3), line('proxy', 0.2)], first, 'v1'),
      );
      await ledger.record(ledgerEntriesFor('502', [line('captcha', 1)], first, 'v1'));
      await ledger.record(
        ledgerEntriesFor('501', [line('captcha', 0.3), line('proxy', 0.25)], again, 'v1'),
      );

      const november = await ledger.entriesForMonth('2026-11');
      const byId = Object.fromEntries(november.map((entry) => [entry._id, entry]));
      expect(Object.keys(byId).sort()).toEqual(['501:captcha', '501:proxy', '502:captcha']);
      expect(byId['501:proxy']).toMatchObject({
        cost: 0.25,
        day: '2026-11-30',
        recordedAt: again.toISOString(),
      });
      expect(november.reduce((sum, entry) => sum + entry.cost, 0)).toBeCloseTo(1.55, 9);
      expect(await ledger.entriesForMonth('2026-12')).toEqual([]);
    } finally {
      await ledger.close();
    }
  });
});

describe('ledger storage', () => {
  it('keeps one document per run and service in the costs collection', async () => {
    const count = await database.db.collection(COSTS_COLLECTION).countDocuments({ runId: '501' });
    expect(count).toBe(2);
    // With the declared month index, under the name the server gave it before it was declared.
    const indexes = (await database.db
      .collection(COSTS_COLLECTION)
      .listIndexes()
      .toArray()) as Array<{
      name: string;
      key: unknown;
    }>;
    expect(indexes).toContainEqual(expect.objectContaining({ name: 'month_1', key: { month: 1 } }));
  });

  it('names the file and line of a corrupt ledger file', async () => {
    const path = join(dir, 'corrupt.ndjson');
    await writeFile(path, '{"_id":"1:captcha","runId":"1"}\n');
    const error = (await new FileLedger(path)
      .entriesForMonth('2026-11')
      .catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(IntegrityError);
    expect(error.message).toContain(`${path} line 1: field 'service'`);
  });

  it('leaves an empty ledger file alone until something is recorded', async () => {
    const path = join(dir, 'absent.ndjson');
    const ledger = new FileLedger(path);
    expect(await ledger.entriesForMonth('2026-11')).toEqual([]);
    await ledger.record(
      ledgerEntriesFor('7', [line('llm', 0)], new Date('2026-11-02T10:00:00Z'), 'v1'),
    );
    expect((await readFile(path, 'utf8')).trim().split('\n')).toHaveLength(1);
  });
});
