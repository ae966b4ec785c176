import { randomBytes } from 'node:crypto';
import type { Db } from 'mongodb';
import type { PropertyDocument, RunLedgerEntry } from '../../../shared/db/collections.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../../local/sandbox/github/server.js';
import { NOW, countyStats, ledgerEntry, writeCountyStage } from './harness.js';

const HOUR = 3_600_000;
/** An incident title that must stay text in every rendering. */
export const HOSTILE_TITLE = '<script>alert(1)</script> Database connection failing';

/** Creates an issue through the emulator's REST API at `at`, as open-incident-issue would. */
async function createIssue(
  github: GitHubEmulator,
  clock: { at: Date },
  at: Date,
  title: string,
  labels: string[],
): Promise<number> {
  clock.at = at;
  const response = await fetch(`${github.url}/repos/acme/phx/issues`, {
    method: 'POST',
    headers: { authorization: `token ${github.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title, labels }),
  });
  return ((await response.json()) as { number: number }).number;
}

/**
 * A GitHub emulator holding acme/phx's incidents (a P2 three days old, a P0 five hours old,
 * a closed P1, a bug, the tracker) and data-collection.yml's nights: the first on 2026-11-08,
 * a failure on the 15th, no run on the 20th, tonight's run 9001 still in progress.
 */
export async function seededGitHub(): Promise<GitHubEmulator> {
  const clock = { at: NOW };
  const github = await startGitHubEmulator({ now: () => clock.at });
  const ago = (hours: number) => new Date(NOW.getTime() - hours * HOUR);
  await createIssue(github, clock, ago(72), 'County API refusing the token', [
    'incident',
    'severity:p2',
    'component:collect-county',
  ]);
  await createIssue(github, clock, ago(5), HOSTILE_TITLE, ['incident', 'severity:p0']);
  const closed = await createIssue(github, clock, ago(30), 'Listing site blocking', [
    'incident',
    'severity:p1',
  ]);
  github.state.issues('acme', 'phx').find((issue) => issue.number === closed)!.state = 'closed';
  await createIssue(github, clock, ago(10), 'Typo in README', ['bug']);
  await createIssue(github, clock, ago(10), 'Incident tracker', ['incident-tracker']);
  clock.at = NOW;
  github.state.addWorkflow('acme', 'phx', { file: 'data-collection.yml' });
  github.state.addWorkflow('acme', 'phx', { file: 'reports.yml' });
  for (let day = 8; day <= 27; day += 1) {
    if (day === 20) continue;
    github.state.addWorkflowRun('acme', 'phx', {
      workflow: 'data-collection.yml',
      createdAt: `2026-11-${String(day).padStart(2, '0')}T11:00:00Z`,
      conclusion: day === 15 ? 'failure' : 'success',
    });
  }
  // The weekly report's own workflow does not count as a night.
  github.state.addWorkflowRun('acme', 'phx', {
    workflow: 'reports.yml',
    createdAt: '2026-11-20T16:00:00Z',
  });
  github.state.addWorkflowRun('acme', 'phx', {
    id: 9001,
    workflow: 'data-collection.yml',
    createdAt: '2026-11-28T11:00:00Z',
    status: 'in_progress',
  });
  return github;
}

/** Tonight's county shards: 2,431 parcels in 900 requests per ZIP averaging 612 ms. */
export async function countyStages(workspace: string): Promise<string[]> {
  const stages: string[] = [];
  for (const [zip, fetched] of [
    ['85031', 800],
    ['85033', 820],
    ['85035', 811],
  ] as const)
    stages.push(
      await writeCountyStage(
        workspace,
        countyStats(zip, fetched, {
          counts: {
            'parcels-fetched': fetched,
            'parcels-failed': 0,
            'api-requests': 900,
            'api-latency-ms-total': 900 * 612,
          },
        }),
      ),
    );
  return stages;
}

const merged = (id: string, conflicts: number): PropertyDocument =>
  ({
    _id: id,
    zip: '85031',
    county: { apn: id },
    listing: { status: 'Active', listPrice: 300_000 },
    conflicts: Array.from({ length: conflicts }, () => ({
      field: 'livingAreaSqft',
      values: { county: 1500, mls: 1800 },
      detectedAt: '2026-11-27T11:30:00.000Z',
    })),
  }) as unknown as PropertyDocument;

/**
 * Tonight's store-mongo ledger entry (120 updated, 2,311 unchanged, 3 conflicts), the
 * properties: four with county and listing facts, one of them with conflicts, one county-only;
 * and about 1.2 MB of history, so that a 1 MB plan is over 80 % full.
 */
export async function seedDatabase(db: Db): Promise<void> {
  await db
    .collection<RunLedgerEntry>('runs')
    .insertOne(
      ledgerEntry(
        '9001',
        'store-mongo',
        'all',
        new Date('2026-11-28T10:25:00.000Z'),
        { inserted: 0, updated: 120, unchanged: 2311, conflicts: 3 },
        { integrity: 'ok' },
      ),
    );
  await db
    .collection<PropertyDocument>('properties')
    .insertMany([
      merged('101-01-001', 0),
      merged('101-01-002', 2),
      merged('101-01-003', 0),
      merged('101-01-004', 0),
      { ...merged('101-01-005', 0), listing: null },
    ]);
  await db.collection<{ _id: string; note: string }>('filler').insertMany(
    Array.from({ length: 24 }, (_, i) => ({
      _id: `f${i}`,
      note: randomBytes(37_500).toString('base64'),
    })),
  );
}
