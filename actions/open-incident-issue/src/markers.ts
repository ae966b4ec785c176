import { z } from 'zod';
import { SEVERITIES } from './severity.js';

/** What an incident issue remembers between runs, kept in a hidden marker in its body. */
export const incidentStateSchema = z.object({
  v: z.literal(1),
  fingerprint: z.string(),
  component: z.string(),
  severity: z.enum(SEVERITIES),
  /** Failing runs seen, the ones before the issue opened included. */
  occurrences: z.number().int().nonnegative(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  firstRunUrl: z.string().optional(),
  lastRunId: z.string().optional(),
  /** Errors counted in the last occurrence's run-stats, to say what changed. */
  lastErrorCount: z.number().int().nonnegative().optional(),
  closedAt: z.string().optional(),
  reopenedAt: z.string().optional(),
  /** Issue this one was closed as a duplicate of (a race between two jobs). */
  duplicateOf: z.number().int().optional(),
});
/** The state of one incident. */
export type IncidentState = z.output<typeof incidentStateSchema>;

const FINGERPRINT = /<!-- phx-incident:fingerprint=([0-9a-f]{16}) -->/;
const STATE = /<!-- phx-incident:state=(\{.*?\}) -->/;

/** JSON that cannot end an HTML comment, whatever its strings hold. */
function commentSafeJson(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c').replaceAll('>', '\\u003e');
}

/** The hidden markers that make an issue findable by fingerprint and carry its state. */
export function incidentMarkers(state: IncidentState): string {
  return [
    `<!-- phx-incident:fingerprint=${state.fingerprint} -->`,
    `<!-- phx-incident:state=${commentSafeJson(state)} -->`,
  ].join('\n');
}

/** The fingerprint marker of an issue body, or undefined for an issue this action did not write. */
export function readFingerprint(body: string | null | undefined): string | undefined {
  return FINGERPRINT.exec(body ?? '')?.[1];
}

/** The state marker of an issue body; undefined when missing or edited beyond reading. */
export function readIncidentState(body: string | null | undefined): IncidentState | undefined {
  const json = STATE.exec(body ?? '')?.[1];
  if (!json) return undefined;
  try {
    const parsed = incidentStateSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Failures below the threshold of one fingerprint, kept in the tracker issue. */
export const pendingSchema = z.object({
  component: z.string(),
  signature: z.string(),
  /** Distinct failing runs in a row, oldest first (a run's jobs and reruns count once). */
  runs: z.array(z.string()),
  firstSeen: z.string(),
  lastSeen: z.string(),
});
/** Pending failures by fingerprint. */
export type PendingFailures = Record<string, z.output<typeof pendingSchema>>;

const TRACKER = /<!-- phx-incident:tracker=(\{.*?\}) -->/;

/** The hidden marker of the tracker issue. */
export function trackerMarker(pending: PendingFailures): string {
  return `<!-- phx-incident:tracker=${commentSafeJson(pending)} -->`;
}

/** The pending failures in a tracker body; empty when missing or unreadable. */
export function readTracker(body: string | null | undefined): PendingFailures {
  const json = TRACKER.exec(body ?? '')?.[1];
  if (!json) return {};
  try {
    const parsed = z.record(z.string(), pendingSchema).safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** `body` with its state marker replaced by `state` (the rest, edits included, kept). */
export function withIncidentState(body: string, state: IncidentState): string {
  const marker = `<!-- phx-incident:state=${commentSafeJson(state)} -->`;
  return STATE.test(body)
    ? body.replace(STATE, () => marker)
    : `${incidentMarkers(state)}\n${body}`;
}
