import { addDays, phoenixDate } from './phoenix-day.js';
import type { WorkflowHistory } from './workflow-runs.js';

/** Share of scheduled nights that completed, the guide's headline KPI. */
export interface Uptime {
  /** Nights up / nights counted; null when none could be counted. */
  share: number | null;
  up: number;
  counted: number;
  /** Phoenix days counted as down, oldest first. */
  downDays: string[];
  /** First and last Phoenix day of the window. */
  from: string;
  to: string;
  /** Why there is no value (runs unreadable, no run yet); undefined when there is one. */
  reason: string | undefined;
}

/** What uptime is measured over and how tonight's own run went. */
export interface UptimeWindow {
  /** Phoenix day of the report. */
  today: string;
  days: number;
  /** This workflow run's id, and whether it is up (no failed job, not a failed report). */
  ownRunId: string | undefined;
  ownRunUp: boolean;
  /**
   * Whether this run is tonight's night even when GitHub does not list it yet (the daily report
   * inside the collection workflow, given its `jobs`).
   */
  ownRunIsTonight?: boolean;
}

/** First Phoenix day of the window. */
export const uptimeFrom = (window: Pick<UptimeWindow, 'today' | 'days'>): string =>
  addDays(window.today, 1 - window.days);

/**
 * Nights up over the window: a Phoenix day is up when a run of the workflow created that day
 * concluded `success` (the report's own, still running, counts by its jobs). Days before the
 * workflow's first run do not count; nor does today before any run of it has ended.
 */
export function measureUptime(history: WorkflowHistory, window: UptimeWindow): Uptime {
  const from = uptimeFrom(window);
  const base = { up: 0, counted: 0, downDays: [] as string[], from, to: window.today };
  if (history.problem)
    return {
      ...base,
      share: null,
      reason: `runs of ${history.workflow} not read: ${history.problem}`,
    };
  const byDay = new Map<string, WorkflowHistory['runs']>();
  for (const run of history.runs) {
    const day = phoenixDate(run.createdAt);
    byDay.set(day, [...(byDay.get(day) ?? []), run]);
  }
  const tonight = window.ownRunIsTonight === true;
  const first = history.ranBefore
    ? from
    : ([...byDay.keys()].sort()[0] ?? (tonight ? window.today : undefined));
  if (first === undefined)
    return { ...base, share: null, reason: `${history.workflow} has no runs in the period` };
  for (let day = first; day <= window.today; day = addDays(day, 1)) {
    const runs = byDay.get(day) ?? [];
    const success = runs.some((run) => run.conclusion === 'success');
    const own = runs.some((run) => run.id === window.ownRunId) || (day === window.today && tonight);
    const ended = runs.some((run) => run.status === 'completed');
    if (day === window.today && !own && !ended) continue;
    const up = success || (own && window.ownRunUp);
    base.counted += 1;
    if (up) base.up += 1;
    else base.downDays.push(day);
  }
  const share = base.counted === 0 ? null : base.up / base.counted;
  return { ...base, share, reason: share === null ? 'no night has ended yet' : undefined };
}
