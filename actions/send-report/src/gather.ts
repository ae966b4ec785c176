import type { ArtifactClient } from '@actions/artifact';
import { connectDatabase, type DatabaseConnection } from '../../../shared/db/connect.js';
import { errorMessage } from '../../../shared/errors.js';
import { scrubSecrets } from '../../../shared/http/redact.js';
import { secretForms } from '../../../shared/secret-forms.js';
import { withGroup, type Logger } from '../../../shared/logger.js';
import { readDatabaseFacts, type DatabaseFacts } from './db-facts.js';
import { readLedgerPeriod } from './ledger-period.js';
import type { MarketView } from './market.js';
import type { ReportKind } from './report-kind.js';
import { loadRunResults } from './run-results.js';
import { summariseRuns, type RunSummary } from './run-summary.js';

/** Where the figures come from. */
export interface GatherOptions {
  kind: ReportKind;
  now: Date;
  runId: string;
  runResults: readonly string[];
  artifactClient: ArtifactClient | null;
  /** Base of folder paths outside a runner, download folder on one. */
  baseDir: string;
  mongodbUri: string;
  database: string;
  /** The plan's storage limit in MB (maintain-db's `storage-limit-mb`). */
  storageLimitMb: number;
  /** How long to look for the database server; default connectDatabase's. */
  databaseTimeoutMs?: number;
}

/** The runs of the period, the previous period's, the market and the database's own facts. */
export interface Gathered {
  runs: RunSummary[];
  previousRuns: RunSummary[] | undefined;
  market: MarketView | undefined;
  /** Storage, accuracy and ledgered costs; undefined without a readable database. */
  database: DatabaseFacts | undefined;
  /** Why the database could not be read (no URI, unreachable: scrubbed), else undefined. */
  databaseProblem: string | undefined;
  notes: string[];
}

/** `text` without any form of the connection string, its user name or password. */
function scrubUri(text: string, uri: string): string {
  return scrubSecrets(text, secretForms(uri));
}

/**
 * Reads the run results (stage artifacts) and, with a database, the `runs` ledger of this period
 * and the previous one, the market, storage, accuracy and costs. A database that cannot be
 * reached does not stop the report: it is built from the artifacts and says why.
 */
export async function gather(options: GatherOptions, logger: Logger): Promise<Gathered> {
  const notes: string[] = [];
  // The database is reached while the run results download: neither waits for the other.
  const reaching = options.mongodbUri === '' ? undefined : reachDatabase(options);
  let results: Awaited<ReturnType<typeof loadRunResults>>;
  try {
    results = await withGroup(logger, 'Run results', () =>
      loadRunResults(
        options.runResults,
        { client: options.artifactClient, baseDir: options.baseDir },
        logger,
      ),
    );
  } catch (error) {
    const reached = await reaching;
    await reached?.connection?.close();
    throw error;
  }
  if (results.missing.length)
    notes.push(
      `Run results not found (stage skipped or failed before upload): ${results.missing.join(', ')}`,
    );
  const withoutDatabase = (problem: string): Gathered => ({
    runs: summariseRuns(results.stageRuns),
    previousRuns: undefined,
    market: undefined,
    database: undefined,
    databaseProblem: problem,
    notes,
  });
  if (reaching === undefined) {
    notes.push('No mongodb-uri: trends, comparison and market view are not available.');
    return withoutDatabase('no mongodb-uri was given');
  }
  const { connection, problem } = await reaching;
  if (connection === undefined) {
    logger.warning(`database not read: ${problem}`);
    return withoutDatabase(problem);
  }
  try {
    return await withGroup(logger, 'Run ledger, market and storage', async () => {
      const { db } = connection;
      const period = await readLedgerPeriod(
        db,
        {
          kind: options.kind,
          now: options.now,
          runId: options.runId,
          artifacts: results.stageRuns,
        },
        logger,
      );
      const runs = summariseRuns(period.current);
      const database = await readDatabaseFacts(db, {
        storageLimitMb: options.storageLimitMb,
        runIds: runs.map((run) => run.runId),
      });
      return {
        runs,
        previousRuns: summariseRuns(period.previous),
        market: period.market,
        database,
        databaseProblem: undefined,
        notes,
      };
    });
  } catch (error) {
    const problem = `reading it failed: ${scrubUri(errorMessage(error), options.mongodbUri)}`;
    logger.warning(`database not read: ${problem}`);
    return withoutDatabase(problem);
  } finally {
    await connection.close();
  }
}

/** The database connection, or why it cannot be reached. */
type Reached =
  | { connection: DatabaseConnection; problem?: undefined }
  | { connection?: undefined; problem: string };

async function reachDatabase(options: GatherOptions): Promise<Reached> {
  try {
    const connection = await connectDatabase(options.mongodbUri, options.database, {
      ...(options.databaseTimeoutMs ? { serverSelectionTimeoutMs: options.databaseTimeoutMs } : {}),
    });
    return { connection };
  } catch (error) {
    // connectDatabase names the server with the credentials hidden and scrubs the password.
    return { problem: errorMessage(error) };
  }
}
