import { parseArgs } from 'node:util';
import { ConfigurationError } from '../../shared/errors.js';

/** Formats the export writes. */
export const EXPORT_FORMATS = ['csv', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What to export and where. */
export interface ExportArgs {
  /** ZIP5 codes; properties in any of them. */
  zips: string[];
  /** First day (UTC, inclusive) of `updatedAt`, YYYY-MM-DD. */
  since: string;
  /** Last day (UTC, inclusive) of `updatedAt`, or null for no end. */
  until: string | null;
  format: ExportFormat;
  /** File to write; the JSON Schema goes beside it as `<out>.schema.json`. */
  out: string;
  /** Connection string: `--uri`, else MONGODB_URI. */
  uri: string;
  database: string;
}

/** Usage line shown with every argument error. */
export const USAGE =
  'usage: export --zip 85031[,85033] --since YYYY-MM-DD [--until YYYY-MM-DD] --format csv|ndjson --out FILE [--uri mongodb://...] [--database phx_property]';

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
  const database = values.database ?? 'phx_property';
  return { zips, since, until, format: format as ExportFormat, out, uri, database };
}
