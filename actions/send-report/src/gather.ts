import type { ArtifactClient } from '@actions/artifact';
import { connectDatabase } from '../../../shared/db/connect.js';
import { withGroup, type Logger } from '../../../shared/logger.js';
import { readListings, readPriceChanges, readStageRuns } from './database.js';
import { buildMarketView, type MarketView } from './market.js';
import { PERIOD_DAYS, type ReportKind } from './report.js';
import { loadRunResults } from './run-results.js';
import { summariseRuns, type RunSummary } from './run-summary.js';
import { mergeStageRuns, type StageRun } from './stage-runs.js';

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
}

/** The runs of the period, the previous period's, and the market. */
export interface Gathered {
  runs: RunSummary[];
  previousRuns: RunSummary[] | undefined;
  market: MarketView | undefined;
  notes: string[];
}

const iso = (time: number): string => new Date(time).toISOString();

/**
 * Reads the run results (stage artifacts) and, with a database, the `runs` ledger of this period
 * and the previous one plus the market. A daily report covers this run when the artifacts or the
 * ledger know it, else the last 24 hours.
 */
export async function gather(options: GatherOptions, logger: Logger): Promise<Gathered> {
  const notes: string[] = [];
  const results = await withGroup(logger, 'Run results', () =>
    loadRunResults(
      options.runResults,
      { client: options.artifactClient, baseDir: options.baseDir },
      logger,
    ),
  );
  if (results.missing.length)
    notes.push(
      `Run results not found (stage skipped or failed before upload): ${results.missing.join(', ')}`,
    );
  if (options.mongodbUri === '') {
    notes.push('No mongodb-uri: trends, comparison and market view are not available.');
    return {
      runs: summariseRuns(results.stageRuns),
      previousRuns: undefined,
      market: undefined,
      notes,
    };
  }
  const connection = await connectDatabase(options.mongodbUri, options.database);
  try {
    return await withGroup(logger, 'Run ledger and market', async () => {
      const { db } = connection;
      const end = options.now.getTime();
      const days = PERIOD_DAYS[options.kind] * 86_400_000;
      let current: StageRun[];
      if (options.kind === 'daily') {
        const own = await readStageRuns(db, { runId: options.runId });
        current = mergeStageRuns(own, results.stageRuns);
        if (current.length === 0)
          current = await readStageRuns(db, { from: iso(end - days), to: iso(end) });
      } else {
        current = mergeStageRuns(
          await readStageRuns(db, { from: iso(end - days), to: iso(end) }),
          results.stageRuns,
        );
      }
      const currentIds = new Set(current.map((stage) => stage.runId));
      const previous = (
        await readStageRuns(db, { from: iso(end - 2 * days), to: iso(end - days) })
      ).filter((stage) => !currentIds.has(stage.runId));
      logger.info(
        `ledger: ${current.length} stage records this period, ${previous.length} the period before`,
      );
      const market =
        options.kind === 'daily'
          ? undefined
          : buildMarketView(
              await readListings(db),
              await readPriceChanges(db, iso(end - days), iso(end)),
              options.now,
            );
      if (market)
        logger.info(
          `market: ${market.zips.length} ZIPs, ${market.priceChanges.count} price changes`,
        );
      return { runs: summariseRuns(current), previousRuns: summariseRuns(previous), market, notes };
    });
  } finally {
    await connection.close();
  }
}
