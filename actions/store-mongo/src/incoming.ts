/** A record with the run that produced it and when its source observed it (UTC ISO). */
export interface Sourced<T> {
  record: T;
  runId: string;
  observedAt: string;
}
