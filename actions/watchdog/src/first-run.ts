import { nextFire, type CronSchedule } from './cron.js';

const HOUR_MS = 3_600_000;

/**
 * A schedule enabled minutes before its time may not fire at that time yet: the first run is
 * expected from the first scheduled time at least an hour after the workflow was enabled.
 */
const SETTLE_MS = HOUR_MS;

/** Least slack after a scheduled time before a run that has not appeared counts as missed. */
const MIN_GRACE_MS = HOUR_MS;

/** When a workflow that has never run is first expected to, and by when it must have. */
export interface FirstRun {
  /** When the workflow was created or last enabled (its `updated_at`). */
  since: Date;
  /** Its first scheduled time after that. */
  scheduledAt: Date;
  /** Past this without a run, the first run was missed. */
  dueBy: Date;
}

/**
 * The first run of a workflow enabled at `since` that has never run. The grace after its time is
 * what `max-age-hours` leaves over one interval of the schedule (2 h for the nightly's 26 h), so
 * a first run is judged as every later one is; undefined when the schedule never fires.
 */
export function firstRun(
  since: Date,
  schedule: CronSchedule,
  maxAgeHours: number,
): FirstRun | undefined {
  const scheduledAt = nextFire(schedule, new Date(since.getTime() + SETTLE_MS));
  if (!scheduledAt) return undefined;
  const interval =
    (nextFire(schedule, scheduledAt) ?? scheduledAt).getTime() - scheduledAt.getTime();
  const grace = Math.max(MIN_GRACE_MS, maxAgeHours * HOUR_MS - interval);
  return { since, scheduledAt, dueBy: new Date(scheduledAt.getTime() + grace) };
}
