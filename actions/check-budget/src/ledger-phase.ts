import { isAbsolute, resolve } from 'node:path';
import type { Logger } from '../../../shared/logger.js';
import { mergeEntries, type CostLedger, type LedgerEntry } from './ledger.js';
import { FileLedger } from './ledger-file.js';
import { MongoLedger } from './ledger-mongo.js';

/** Where the ledger is, from the inputs: MongoDB first, then a file. */
export interface LedgerChoice {
  mongodbUri: string;
  /** The `database` input: empty resolves to the connection string's, else `phx_property`. */
  database: string;
  ledgerFile: string;
  workspace: string;
}

/** The month's entries with this run's included, and what was written. */
export interface LedgerState {
  entries: LedgerEntry[];
  /** Entries written for this run (0 at the gate and in a dry run). */
  recorded: number;
  /** Where the ledger lives; undefined when there is none. */
  name: string | undefined;
  /** The ledger file, when the ledger is one. */
  file: string | undefined;
}

function ledgerPath({ ledgerFile, workspace, mongodbUri }: LedgerChoice): string | undefined {
  if (mongodbUri !== '' || ledgerFile === '') return undefined;
  return isAbsolute(ledgerFile) ? ledgerFile : resolve(workspace, ledgerFile);
}

async function openLedger(choice: LedgerChoice, logger: Logger): Promise<CostLedger | undefined> {
  if (choice.mongodbUri !== '') return MongoLedger.open(choice.mongodbUri, choice.database, logger);
  const file = ledgerPath(choice);
  if (file) return new FileLedger(file);
  logger.warning('no mongodb-uri and no ledger-file: month to date counts this run only');
  return undefined;
}

/**
 * Writes this run's entries (unless `dryRun`) and reads the month back, with this run's entries
 * merged in as the ledger holds them, so a dry run reports what a real one would.
 */
export async function syncLedger(
  choice: LedgerChoice,
  incoming: readonly LedgerEntry[],
  options: { month: string; runId: string; dryRun: boolean },
  logger: Logger,
): Promise<LedgerState> {
  const ledger = await openLedger(choice, logger);
  if (!ledger) return { entries: [...incoming], recorded: 0, name: undefined, file: undefined };
  try {
    let recorded = 0;
    if (incoming.length > 0 && options.dryRun) {
      logger.info(`dry run: ${incoming.length} entries for run ${options.runId} not recorded`);
    } else if (incoming.length > 0) {
      await ledger.record(incoming);
      recorded = incoming.length;
      logger.info(`recorded ${recorded} entries for run ${options.runId} in ${ledger.name}`);
    }
    const month = await ledger.entriesForMonth(options.month);
    logger.info(`${month.length} entries for ${options.month} in ${ledger.name}`);
    const entries = mergeEntries(month, incoming);
    return { entries, recorded, name: ledger.name, file: ledgerPath(choice) };
  } finally {
    await ledger.close();
  }
}
