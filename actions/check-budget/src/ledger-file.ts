import { mkdir, rename, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { readNdjson } from '../../../shared/io/ndjson.js';
import { ledgerEntrySchema, mergeEntries, type CostLedger, type LedgerEntry } from './ledger.js';

/**
 * The ledger in an NDJSON file, for runs without MongoDB. The workflow carries the file from run to
 * run (for example with `actions/cache`, keyed by run id and restored by prefix); a missing file
 * is an empty ledger.
 */
export class FileLedger implements CostLedger {
  readonly name: string;

  constructor(private readonly path: string) {
    this.name = `file ${path}`;
  }

  private async readAll(): Promise<LedgerEntry[]> {
    if (!existsSync(this.path)) return [];
    const entries: LedgerEntry[] = [];
    for await (const entry of readNdjson(this.path, ledgerEntrySchema)) entries.push(entry);
    return entries;
  }

  async record(entries: readonly LedgerEntry[]): Promise<void> {
    const merged = mergeEntries(await this.readAll(), entries);
    const text = merged.map((entry) => JSON.stringify(entry)).join('\n');
    await mkdir(dirname(this.path), { recursive: true });
    // Write beside, then rename: a crash mid-write leaves the previous ledger whole.
    const partial = `${this.path}.partial`;
    await writeFile(partial, text === '' ? '' : `${text}\n`);
    await rename(partial, this.path);
  }

  async entriesForMonth(month: string): Promise<LedgerEntry[]> {
    return (await this.readAll()).filter((entry) => entry.month === month);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
