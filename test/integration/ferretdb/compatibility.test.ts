import { describe, expect, inject, it } from 'vitest';
import { useTestDatabase } from '../../support/database.js';
import { readCompatibilityTable, type CompatibilityStatus } from './compatibility-table.js';
import { SAMPLE_PROPERTIES, type Probe, type PropertyDocument } from './probe-context.js';
import { PITFALL_PROBES } from './probes-pitfalls.js';
import { SUPPORTED_PROBES } from './probes-supported.js';
import { UNSUPPORTED_PROBES } from './probes-unsupported.js';

const PROBES: Record<string, Probe> = {
  ...SUPPORTED_PROBES,
  ...PITFALL_PROBES,
  ...UNSUPPORTED_PROBES,
};
const rows = await readCompatibilityTable();

describe('docs/ferretdb-compatibility.md', () => {
  it('has exactly one probe per row', () => {
    expect(rows.map((row) => row.feature).sort()).toEqual(Object.keys(PROBES).sort());
  });

  it('quotes part of the error for every row marked `no`', () => {
    const unquoted = rows.filter((row) => row.status === 'no' && row.errorSnippet === undefined);
    expect(unquoted.map((row) => row.feature)).toEqual([]);
  });
});

// The table describes FerretDB; against MongoDB the `no` rows would rightly pass.
describe.runIf(inject('mongodbKind') === 'ferretdb')('FerretDB v1.24.2 matches the table', () => {
  const database = useTestDatabase();

  it.each(rows.map((row, index) => ({ ...row, index })))('$feature: $status', async (row) => {
    const probe = PROBES[row.feature];
    if (probe === undefined) throw new Error(`No probe for ${row.feature}`);
    const properties = database.db.collection<PropertyDocument>(`probe_${row.index}`);
    await properties.insertMany(SAMPLE_PROPERTIES.map((property) => ({ ...property })));

    let status: CompatibilityStatus;
    let error = '';
    try {
      status = (await probe({ client: database.client, db: database.db, properties }))
        ? 'yes'
        : 'wrong result';
    } catch (caught) {
      status = 'no';
      error = caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught);
    }
    expect(status, error).toBe(row.status);
    if (row.status === 'no') expect(error).toContain(row.errorSnippet);
  });
});
