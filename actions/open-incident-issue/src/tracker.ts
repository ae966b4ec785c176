import type { IncidentRepo, IncidentIssue } from './incident-repo.js';
import { TRACKER_LABEL } from './labels.js';
import { readTracker, trackerMarker, type PendingFailures } from './markers.js';

/** Runs remembered per fingerprint: enough for any threshold worth setting. */
const MAX_RUNS = 20;

/** Writes of one failure before giving up on a tracker that concurrent jobs keep rewriting. */
const MAX_WRITES = 3;

function trackerBody(pending: PendingFailures): string {
  const rows = Object.entries(pending).map(
    ([fingerprint, entry]) =>
      `| \`${fingerprint}\` | ${entry.component} | ${entry.runs.length} | ${entry.firstSeen} | ${entry.lastSeen} |`,
  );
  return [
    trackerMarker(pending),
    'Failures seen fewer times in a row than their threshold. The open-incident-issue action keeps',
    'this issue, closed on purpose, and opens an incident issue when a threshold is reached; a',
    'successful run of the component clears its rows. Leave the hidden marker in this body.',
    '',
    '| fingerprint | component | failing runs in a row | first seen | last seen |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/**
 * Counts consecutive failing runs per fingerprint below the threshold, in one closed issue labelled
 * `incident-tracker` (the lowest-numbered one if a race made two). Counting distinct run ids makes
 * reruns and several jobs of one run count once.
 */
export class FailureTracker {
  private issue: IncidentIssue | undefined;
  private pending: PendingFailures = {};

  constructor(private readonly repo: IncidentRepo) {}

  /** Reads the tracker issue, if there is one. */
  async load(): Promise<PendingFailures> {
    const issues = await this.repo.listByLabel(TRACKER_LABEL);
    this.issue = issues.sort((a, b) => a.number - b.number)[0];
    this.pending = readTracker(this.issue?.body);
    return this.pending;
  }

  /**
   * Records a failing run of `fingerprint`; returns its entry (runs in a row, first seen). GitHub
   * has no conditional update, so the write is read back: when a concurrent job overwrote it (or
   * created a second tracker), the entry is merged into the lowest tracker again, a few times.
   */
  async recordFailure(failure: {
    fingerprint: string;
    component: string;
    signature: string;
    runId: string;
    now: string;
  }): Promise<PendingFailures[string]> {
    for (let attempt = 1; ; attempt += 1) {
      const entry = this.pending[failure.fingerprint] ?? {
        component: failure.component,
        signature: failure.signature,
        runs: [],
        firstSeen: failure.now,
        lastSeen: failure.now,
      };
      if (!entry.runs.includes(failure.runId))
        entry.runs = [...entry.runs, failure.runId].slice(-MAX_RUNS);
      entry.lastSeen = failure.now;
      this.pending[failure.fingerprint] = entry;
      await this.save();
      if (this.repo.dryRun || attempt >= MAX_WRITES) return entry;
      const stored = (await this.load())[failure.fingerprint];
      if (stored?.runs.includes(failure.runId)) return stored;
    }
  }

  /** Forgets the entries `matches` selects; saves only when something changed. */
  async clear(matches: (fingerprint: string, component: string) => boolean): Promise<void> {
    const before = Object.keys(this.pending).length;
    this.pending = Object.fromEntries(
      Object.entries(this.pending).filter(
        ([fingerprint, entry]) => !matches(fingerprint, entry.component),
      ),
    );
    if (Object.keys(this.pending).length !== before) await this.save();
  }

  private async save(): Promise<void> {
    const body = trackerBody(this.pending);
    if (this.issue) return this.repo.update(this.issue.number, { body });
    this.issue = await this.repo.create('PHX pipeline: incident tracker', body, [TRACKER_LABEL]);
    if (this.issue.number > 0)
      await this.repo.update(this.issue.number, { state: 'closed', state_reason: 'not_planned' });
  }
}
