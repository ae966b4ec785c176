import type { BudgetFigures } from './budget.js';
import type { StorageUse } from './db-facts.js';
import type { Incident } from './error-rows.js';
import { money } from './format.js';
import type { Kpi } from './kpis.js';
import type { OpenIncident } from './open-incidents.js';

/** Something the reader should act on; `url` links to it. */
export interface ActionItem {
  text: string;
  url?: string;
}

/** Storage share above which the database needs attention (maintain-db warns at the same). */
export const STORAGE_WARN_SHARE = 0.8;

/** What action items come from. */
export interface ActionSources {
  failedJobs: ReadonlyArray<{ name: string; result: string }>;
  runUrl: string | undefined;
  /** Incident numbers given as input, and those read from GitHub. */
  incidents: readonly Incident[];
  openIncidents: readonly OpenIncident[];
  kpis: readonly Kpi[];
  budget: BudgetFigures | undefined;
  databaseProblem: string | undefined;
  storage: StorageUse | undefined;
}

/**
 * Failed jobs, an unreadable database, open incidents (most severe first), KPIs off target,
 * the budget's warning and storage above 80 % of the plan's limit.
 */
export function actionItems(sources: ActionSources): ActionItem[] {
  const link = (url: string | undefined) => (url ? { url } : {});
  const items: ActionItem[] = sources.failedJobs.map((job) => ({
    text: `Job ${job.name} ended ${job.result} in this run`,
    ...link(sources.runUrl),
  }));
  if (sources.databaseProblem && sources.databaseProblem !== 'no mongodb-uri was given')
    items.push({ text: `The database could not be read: ${sources.databaseProblem}` });
  for (const incident of sources.openIncidents)
    items.push({
      text: `Open incident #${incident.number} (${incident.severity ?? 'no severity'}): ${incident.title}`,
      url: incident.url,
    });
  const listed = new Set(sources.openIncidents.map((incident) => incident.number));
  for (const incident of sources.incidents.filter((i) => !listed.has(i.number)))
    items.push({ text: `Open incident #${incident.number}`, ...link(incident.url) });
  for (const kpi of sources.kpis.filter((k) => k.level === 'critical' || k.level === 'warning'))
    items.push({
      text: `${kpi.name} is ${kpi.value}: ${kpi.level} (target ${kpi.target}; ${kpi.alerts})`,
    });
  const { budget, storage } = sources;
  if (budget && ['warning', 'critical'].includes(budget.level))
    items.push({
      text: `Budget level ${budget.level}: ${budget.utilization ?? '?'} % of the month's budget spent`,
    });
  else if (budget?.projectionLevel === 'warning')
    items.push({
      text: `Month-end projection ${money(budget.projected)} is above 80 % of the budget (warning)`,
    });
  if (storage?.share != null && storage.share > STORAGE_WARN_SHARE)
    items.push({
      text: `Database storage at ${(storage.share * 100).toFixed(1)} % of the ${storage.limitMb} MB limit (${storage.usedMb} MB): lower the retention days or move to a larger plan`,
    });
  return items;
}
