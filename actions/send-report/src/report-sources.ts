import type { BudgetFigures } from './budget.js';
import type { DatabaseFacts, MergedAccuracy, StorageUse } from './db-facts.js';
import type { Incident } from './error-rows.js';
import type { MarketView } from './market.js';
import type { OpenIncidents } from './open-incidents.js';
import type { ReportKind } from './report-kind.js';
import type { RunSummary } from './run-summary.js';
import type { WorkflowHistory } from './workflow-runs.js';

/** What the report read from the database, or why it could not. */
export interface DatabaseView {
  problem: string | undefined;
  storage: StorageUse | undefined;
  accuracy: MergedAccuracy | undefined;
}

/** What a report is built from. */
export interface ReportSources {
  kind: ReportKind;
  now: Date;
  runs: RunSummary[];
  previousRuns: RunSummary[] | undefined;
  budget: BudgetFigures | undefined;
  market: MarketView | undefined;
  incidents: Incident[];
  openIncidents: OpenIncidents;
  /** The collection workflow's runs, for uptime. */
  nights: WorkflowHistory;
  database: DatabaseFacts | undefined;
  databaseProblem: string | undefined;
  notes: string[];
  runUrl: string | undefined;
  /** This workflow run's id and its jobs' results (empty when not given). */
  runId?: string;
  jobs?: ReadonlyArray<{ name: string; result: string }>;
}
