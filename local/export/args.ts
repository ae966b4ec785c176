import { parseArgs } from 'node:util';
import { databaseNameProblem } from '../../shared/db/database-name.js';
import { ConfigurationError } from '../../shared/errors.js';
import {
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportQuery,
} from '../../shared/export/export-properties.js';

/** What to export and where: on the command line a ZIP list and a start day are required. */
export interface ExportArgs extends ExportQuery {
  /** ZIP5 codes; properties in any of them. */
  zips: string[];
  /** First day (UTC, inclusive) of `updatedAt`, YYYY-MM-DD. */
  since: string;
  /** Connection string: `--uri`, else MONGODB_URI. */
  uri: string;
  /** `--database`; empty: the database the connection string names, else `phx_property`. */
  database: string;
}

/** Usage line shown with every argument error. */
export const USAGE =
  'usage: export --zip 85031[,85033] --since YYYY-MM-DD [--until YYYY-MM-DD] --format csv|ndjson --out FILE [--uri mongodb://...] [--database NAME (default: the URI database, else phx_property)]';

function fail(message: string): never {
  throw new ConfigurationError(`${message}\n${USAGE}`);
}

function day(flag: string, value: string | undefined): string | null {
  if (value === undefined) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    fail(`--${flag}: expected a date YYYY-MM-DD, got '${value}'`);
  return value;
}

/** Parses the command line (`argv` without node and script); errors name the flag and what was expected. */
export function parseExportArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): ExportArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        zip: { type: 'string', multiple: true },
        since: { type: 'string' },
        until: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        uri: { type: 'string' },
        database: { type: 'string' },
      },
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  const zips = (values.zip ?? [])
    .flatMap((zip) => zip.split(','))
    .map((zip) => zip.trim())
    .filter(Boolean);
  if (zips.length === 0) fail('--zip: expected at least one 5-digit ZIP');
  const badZip = zips.find((zip) => !/^\d{5}$/.test(zip));
  if (badZip !== undefined) fail(`--zip: expected 5-digit ZIPs, got '${badZip}'`);
  const since = day('since', values.since) ?? fail('--since: expected a date YYYY-MM-DD');
  const until = day('until', values.until);
  if (until !== null && until < since) fail(`--until ${until} is before --since ${since}`);
  const format = values.format ?? '';
  if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    fail(`--format: expected one of ${EXPORT_FORMATS.join(', ')}, got '${format}'`);
  const out = values.out ?? fail('--out: expected the file to write');
  const uri =
    values.uri ??
    env.MONGODB_URI ??
    fail('--uri: expected a connection string (or set MONGODB_URI)');
  const database = values.database?.trim() ?? '';
  const problem = database === '' ? undefined : databaseNameProblem(database);
  if (problem !== undefined) fail(`--database: ${problem}`);
  return { zips, since, until, format: format as ExportFormat, out, uri, database };
}
