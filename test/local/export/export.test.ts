import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipelineCollections, type PropertyDocument } from '../../../shared/db/collections.js';
import { ConfigurationError } from '../../../shared/errors.js';
import { readNdjson } from '../../../shared/io/ndjson-reader.js';
import { propertySchema } from '../../../shared/model/property.js';
import { parseExportArgs } from '../../../local/export/args.js';
import { CSV_COLUMNS, csvCell } from '../../../shared/export/csv.js';
import { exportProperties } from '../../../shared/export/export-properties.js';
import { samples } from '../../shared/model/samples.js';
import { tempRoot } from '../../actions/store-mongo/fixtures.js';
import { useTestDatabase } from '../../support/database.js';

const database = useTestDatabase();
let root: string;
let remove: () => Promise<void>;

function property(
  key: string,
  zip: string,
  updatedAt: string,
  description: string | null = 'Block home',
): PropertyDocument {
  const base = samples.property;
  return {
    ...structuredClone(base),
    _id: key,
    apn: key,
    zip,
    listing: base.listing && { ...structuredClone(base.listing), description },
    updatedAt,
  };
}

const stored = [
  property(
    '102-29-001',
    '85031',
    '2026-11-02T10:00:00.000Z',
    '=HYPERLINK("http://x"), "quoted", line\nbreak',
  ),
  property('102-29-002', '85031', '2026-10-31T23:59:59.000Z'),
  property('102-29-003', '85033', '2026-11-05T10:00:00.000Z'),
  property('102-29-004', '85035', '2026-11-05T10:00:00.000Z'),
  property('102-29-005', '85031', '2026-11-10T00:00:00.000Z'),
];

beforeAll(async () => {
  ({ root, remove } = await tempRoot());
  await pipelineCollections(database.db).properties.insertMany(stored);
});
afterAll(() => remove());

const args = (format: 'csv' | 'ndjson', out: string) => ({
  ...{ zips: ['85031', '85033'], since: '2026-11-01', until: '2026-11-09', format, out },
  ...{ uri: database.uri, database: database.db.databaseName },
});

/** RFC 4180 lines: quoted cells may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted && char === '"' && text[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (char === '"') quoted = !quoted;
    else if (quoted) cell += char;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
      i += 1;
    } else cell += char;
  }
  return rows;
}

describe('export', () => {
  it('round-trips NDJSON: the records read back equal the stored properties, valid against the schema', async () => {
    const out = path.join(root, 'properties.ndjson');
    const result = await exportProperties(database.db, args('ndjson', out));
    expect(result.count).toBe(2);
    const records = [];
    for await (const record of readNdjson(out, propertySchema)) records.push(record);
    const expected = [stored[0], stored[2]].map((doc) => {
      const copy: Partial<PropertyDocument> = { ...doc };
      delete copy.zip;
      return copy;
    });
    expect(records).toEqual(expected);
    const schema = JSON.parse(await readFile(result.schemaFile, 'utf8')) as { title: string };
    expect(schema.title).toBe('Property');
  });

  it('round-trips CSV, quoting text and defusing formulas', async () => {
    const out = path.join(root, 'properties.csv');
    const result = await exportProperties(database.db, args('csv', out));
    const [header, ...rows] = parseCsv(await readFile(out, 'utf8'));
    expect(header).toEqual(CSV_COLUMNS.map((column) => column.name));
    expect(rows).toHaveLength(result.count);
    for (const [index, doc] of [stored[0]!, stored[2]!].entries()) {
      expect(rows[index]).toEqual(
        CSV_COLUMNS.map((column) =>
          csvCell(column.value(doc)).replace(/^"|"$/g, '').replaceAll('""', '"'),
        ),
      );
    }
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    const schema = JSON.parse(await readFile(result.schemaFile, 'utf8')) as { required: string[] };
    expect(schema.required).toEqual(header);
  });

  it('runs as a command and names a bad argument', async () => {
    const out = path.join(root, 'cli.ndjson');
    const cli = path.resolve(import.meta.dirname, '../../../local/export/cli.ts');
    const run = promisify(execFile);
    // No --database: the database follows the URI, as in every action.
    const uri = new URL(database.uri);
    uri.pathname = `/${database.db.databaseName}`;
    const env = { ...process.env, MONGODB_URI: uri.toString() };
    const { stdout } = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        cli,
        '--zip',
        '85035',
        '--since',
        '2026-11-01',
        '--format',
        'ndjson',
        '--out',
        out,
      ],
      { env },
    );
    expect(stdout).toContain(
      `database '${database.db.databaseName}' (named by the connection string)`,
    );
    expect(stdout).toContain(`1 properties written to ${out}`);
    const given = ['--zip', '85031', '--since', '2026-11-01', '--format', 'csv', '--out', 'x'];
    expect(parseExportArgs(given, { MONGODB_URI: 'mongodb+srv://c.example.net/' }).database).toBe(
      '',
    );
    expect(() =>
      parseExportArgs([...given, '--database', 'phx.property'], { MONGODB_URI: 'mongodb://h' }),
    ).toThrow(/--database: expected a MongoDB database name .*'phx\.property'/);
    expect(() =>
      parseExportArgs(
        ['--zip', '8503', '--since', '2026-11-01', '--format', 'csv', '--out', 'x'],
        {},
      ),
    ).toThrow(ConfigurationError);
    expect(() =>
      parseExportArgs(
        ['--zip', '8503', '--since', '2026-11-01', '--format', 'csv', '--out', 'x'],
        {},
      ),
    ).toThrow(/--zip: expected 5-digit ZIPs, got '8503'/);
    expect(() =>
      parseExportArgs(
        ['--zip', '85031', '--since', 'yesterday', '--format', 'csv', '--out', 'x'],
        {},
      ),
    ).toThrow(/--since: expected a date YYYY-MM-DD, got 'yesterday'/);
    expect(() =>
      parseExportArgs(
        ['--zip', '85031', '--since', '2026-11-01', '--format', 'parquet', '--out', 'x'],
        {},
      ),
    ).toThrow(/--format: expected one of csv, ndjson, got 'parquet'/);
    expect(() =>
      parseExportArgs(
        ['--zip', '85031', '--since', '2026-11-01', '--format', 'csv', '--out', 'x'],
        {},
      ),
    ).toThrow(/--uri: expected a connection string \(or set MONGODB_URI\)/);
  });
});
