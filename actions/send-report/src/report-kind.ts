/** Report periods and their length in days. */
export const PERIOD_DAYS = { daily: 1, weekly: 7, monthly: 30 } as const;
/** `daily`, `weekly` or `monthly`. */
export type ReportKind = keyof typeof PERIOD_DAYS;

/** Days uptime is measured over: the last 30 Phoenix days for the daily report, else the period. */
export const UPTIME_DAYS = { daily: 30, weekly: 7, monthly: 30 } as const;
