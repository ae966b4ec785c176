/** A schedule as GitHub reads a workflow's `cron`: five fields, in UTC. */
export interface CronSchedule {
  /** The expression as given, for messages. */
  text: string;
  minutes: Set<number>;
  hours: Set<number>;
  days: Set<number>;
  months: Set<number>;
  /** 0 (Sunday) to 6; 7 is read as Sunday too. */
  weekdays: Set<number>;
  /** Whether day of month and day of week were both restricted: then either may match. */
  eitherDay: boolean;
}

const RANGES: Array<[number, number]> = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];

/** One field: `*`, `n`, `a-b`, each with an optional `/step`, separated by commas. */
function parseField(text: string, [min, max]: [number, number]): Set<number> | undefined {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const match = /^(?:(\*)|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!match) return undefined;
    const [, star, first, last, step] = match;
    const from = star ? min : Number(first);
    const to = star ? max : last !== undefined ? Number(last) : step ? max : from;
    if (from < min || to > max || from > to || Number(step ?? 1) < 1) return undefined;
    for (let value = from; value <= to; value += Number(step ?? 1)) values.add(value);
  }
  return values;
}

/** Parses a five-field cron expression; undefined when it is not one. */
export function parseCron(text: string): CronSchedule | undefined {
  const fields = text.trim().split(/\s+/);
  if (fields.length !== 5) return undefined;
  const sets = fields.map((field, index) => parseField(field, RANGES[index]!));
  const [minutes, hours, days, months, weekdays] = sets;
  if (!minutes || !hours || !days || !months || !weekdays) return undefined;
  if (weekdays.delete(7)) weekdays.add(0);
  const eitherDay = fields[2] !== '*' && fields[4] !== '*';
  return { text: text.trim(), minutes, hours, days, months, weekdays, eitherDay };
}

function dayMatches(schedule: CronSchedule, at: Date): boolean {
  if (!schedule.months.has(at.getUTCMonth() + 1)) return false;
  const day = schedule.days.has(at.getUTCDate());
  const weekday = schedule.weekdays.has(at.getUTCDay());
  return schedule.eitherDay ? day || weekday : day && weekday;
}

const MINUTE_MS = 60_000;

/**
 * The first time strictly after `after` that `schedule` fires, looking at most a year ahead;
 * undefined when it never fires in that time (such as the 31st of February).
 */
export function nextFire(schedule: CronSchedule, after: Date): Date | undefined {
  const at = new Date(Math.floor(after.getTime() / MINUTE_MS) * MINUTE_MS + MINUTE_MS);
  const limit = after.getTime() + 366 * 24 * 60 * MINUTE_MS;
  while (at.getTime() <= limit) {
    if (!dayMatches(schedule, at)) at.setUTCHours(24, 0, 0, 0);
    else if (!schedule.hours.has(at.getUTCHours())) at.setUTCHours(at.getUTCHours() + 1, 0, 0, 0);
    else if (!schedule.minutes.has(at.getUTCMinutes())) at.setTime(at.getTime() + MINUTE_MS);
    else return at;
  }
  return undefined;
}
