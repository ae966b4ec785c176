import { readFile } from 'node:fs/promises';

/** What the compatibility table says about FerretDB for one feature. */
export type CompatibilityStatus = 'yes' | 'wrong result' | 'no';

/** One row of `docs/ferretdb-compatibility.md`. */
export interface CompatibilityRow {
  feature: string;
  status: CompatibilityStatus;
  /** The first quoted text of *Error seen*: part of the error message for rows marked `no`. */
  errorSnippet: string | undefined;
}

const TABLE_FILE = new URL('../../../docs/ferretdb-compatibility.md', import.meta.url);
const STATUSES: readonly string[] = ['yes', 'wrong result', 'no'];

/** Reads the rows of the compatibility table; throws on a row it cannot read. */
export async function readCompatibilityTable(): Promise<CompatibilityRow[]> {
  const text = await readFile(TABLE_FILE, 'utf8');
  const lines = text.split('\n').filter((line) => line.startsWith('|'));
  // The first line is the header, the second the `| --- |` separator.
  return lines.slice(2).map((line) => {
    const cells = line
      .slice(1, -1)
      .split('|')
      .map((cell) => cell.trim());
    const [feature, status, errorSeen] = cells;
    if (cells.length !== 4 || feature === undefined || !STATUSES.includes(status ?? '')) {
      throw new Error(`Cannot read this row of the compatibility table: ${line}`);
    }
    return {
      feature,
      status: status as CompatibilityStatus,
      errorSnippet: /`([^`]+)`/.exec(errorSeen ?? '')?.[1],
    };
  });
}
