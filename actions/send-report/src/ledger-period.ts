import type { Db } from 'mongodb';
import type { Logger } from '../../../shared/logger.js';
import { readListings, readPriceChanges, readStageRuns } from './database.js';
import { buildMarketView, type MarketView } from './market.js';
import { PERIOD_DAYS, type ReportKind } from './report-kind.js';
import { mergeStageRuns, type StageRun } from './stage-runs.js';

/** The period's and the previous period's stage runs, and the market for weekly and monthly. */
export interface LedgerPeriod {
  current: StageRun[];
  previous: StageRun[];
  market: MarketView | undefined;
}

const iso = (time: number): string => new Date(time).toISOString();

/**
 * Reads the `runs` ledger: a daily report covers this run when the artifacts or the ledger know
 * it, else the last 24 hours; weekly and monthly their period. Artifacts win over the ledger.
 */
export async function readLedgerPeriod(
  db: Db,
  options: { kind: ReportKind; now: Date; runId: string; artifacts: readonly StageRun[] },
  logger: Logger,
): Promise<LedgerPeriod> {
  const end = options.now.getTime();
  const days = PERIOD_DAYS[options.kind] * 86_400_000;
  const window = { from: iso(end - days), to: iso(end) };
  let current: StageRun[];
  if (options.kind === 'daily') {
    const own = await readStageRuns(db, { runId: options.runId });
    current = mergeStageRuns(own, options.artifacts);
    if (current.length === 0) current = await readStageRuns(db, window);
  } else current = mergeStageRuns(await readStageRuns(db, window), options.artifacts);
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
          await readPriceChanges(db, window.from, window.to),
          options.now,
        );
  if (market)
    logger.info(`market: ${market.zips.length} ZIPs, ${market.priceChanges.count} price changes`);
  return { current, previous, market };
}
