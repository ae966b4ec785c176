import { z } from 'zod';
import { USAGE_SERVICES, USAGE_UNITS } from '../../../shared/model/usage.js';
import { phoenixDate } from './phoenix-time.js';
import { roundMicros, type CostLine } from './pricing.js';

/** One priced item inside a ledger entry (a runner type, or the service itself). */
const ledgerItemSchema = z.object({
  item: z.string(),
  quantity: z.number().nonnegative(),
  price: z.number().nonnegative(),
  per: z.number().positive(),
  cost: z.number().nonnegative(),
});

/**
 * What one run spent on one service. `_id` is `<run id>:<service>`, so recording a run again
 * replaces its entries instead of adding to them. The `github-actions` entry holds the jobs of
 * every attempt of the run: the record stage of a re-run (attempt 2) replaces it, attempt 1's
 * minutes included, whether attempt 1 recorded the run or not.
 */
export const ledgerEntrySchema = z.object({
  _id: z.string().min(1).describe('<run id>:<service>'),
  runId: z.string().min(1).describe('Workflow run id'),
  service: z.enum(USAGE_SERVICES).describe('Service consumed'),
  unit: z.enum(USAGE_UNITS).describe('Unit of quantity'),
  quantity: z.number().nonnegative().describe('Units consumed in the run'),
  cost: z.number().nonnegative().describe('Dollars'),
  day: z.iso.date().describe('Phoenix day the run was first recorded'),
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .describe('Phoenix month the run was first recorded'),
  recordedAt: z.iso.datetime({ offset: true }).describe('When this entry was last written'),
  rateCardVersion: z.string().describe('Version of the rate card that priced it'),
  items: z.array(ledgerItemSchema).describe('Priced items that make up the cost'),
});

/** One ledger entry. */
export type LedgerEntry = z.output<typeof ledgerEntrySchema>;

/** Where month-to-date cost lives between runs: MongoDB's `costs` collection or a file. */
export interface CostLedger {
  /** Shown in logs and the summary, e.g. `MongoDB phx_property.costs`. */
  readonly name: string;
  /** Upserts entries by `_id`; a run's first `day` and `month` are kept. */
  record(entries: readonly LedgerEntry[]): Promise<void>;
  /** Every entry of a Phoenix month (`YYYY-MM`). */
  entriesForMonth(month: string): Promise<LedgerEntry[]>;
  close(): Promise<void>;
}

/** A run's cost lines as ledger entries, one per service, dated in Phoenix time. */
export function ledgerEntriesFor(
  runId: string,
  lines: readonly CostLine[],
  now: Date,
  rateCardVersion: string,
): LedgerEntry[] {
  const { day, month } = phoenixDate(now);
  const byService = new Map<string, LedgerEntry>();
  for (const line of lines) {
    const entry = byService.get(line.service) ?? {
      _id: `${runId}:${line.service}`,
      runId,
      service: line.service,
      unit: line.unit,
      quantity: 0,
      cost: 0,
      day,
      month,
      recordedAt: now.toISOString(),
      rateCardVersion,
      items: [],
    };
    entry.quantity += line.quantity;
    entry.cost = roundMicros(entry.cost + line.cost);
    const { item, quantity, price, per, cost } = line;
    entry.items.push({ item, quantity, price, per, cost: roundMicros(cost) });
    byService.set(line.service, entry);
  }
  return [...byService.values()];
}

/** Entries as a ledger would hold them after `record`: same `_id` replaced, first day kept. */
export function mergeEntries(
  existing: readonly LedgerEntry[],
  incoming: readonly LedgerEntry[],
): LedgerEntry[] {
  const merged = new Map(existing.map((entry) => [entry._id, entry]));
  for (const entry of incoming) {
    const previous = merged.get(entry._id);
    merged.set(
      entry._id,
      previous ? { ...entry, day: previous.day, month: previous.month } : entry,
    );
  }
  return [...merged.values()];
}
