import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Db } from 'mongodb';
import { runAction } from '../../../shared/action.js';
import {
  pipelineCollections,
  type HistoryRow,
  type PropertyDocument,
  type RunLedgerEntry,
} from '../../../shared/db/collections.js';
import { action } from '../../../actions/maintain-db/src/main.js';
import { samples } from '../../shared/model/samples.js';
import { recordingRuntime } from '../../support/recording-runtime.js';

/** A temporary folder and a function removing it. */
export async function tempRoot(): Promise<{ root: string; remove: () => Promise<void> }> {
  const root = await mkdtemp(path.join(tmpdir(), 'maintain-db-'));
  return { root, remove: () => rm(root, { recursive: true, force: true }) };
}

/** Runs maintain-db with `inputs` (kebab-case) through a recording runtime. */
export async function runMaintain(inputs: Record<string, string>) {
  const run = recordingRuntime(inputs);
  const result = await runAction(action, run.runtime);
  return { ...run, result };
}

const DAY = 86_400_000;

/** An ISO timestamp `days` days before now. */
export function daysAgo(days: number): string {
  return new Date(Date.now() - days * DAY).toISOString();
}

/** A stored property in `zip` with key `apn`. */
export function property(apn: string, zip: string): PropertyDocument {
  return { ...structuredClone(samples.property), _id: apn, apn, zip };
}

/** A history row recorded `days` days ago. */
export function historyRow(id: string, days: number): HistoryRow {
  const at = daysAgo(days);
  return {
    _id: id,
    ...{ propertyKey: '102-29-045A', field: 'price', from: 400_000, to: 389_900 },
    ...{ source: 'mls', observedAt: at, runId: 'r1', recordedAt: at },
  };
}

/** A run ledger row finished `days` days ago. */
export function runRow(id: string, days: number): RunLedgerEntry {
  const at = daysAgo(days);
  return {
    _id: id,
    ...{ runId: id, stage: 'store-mongo', shard: 'all', outcome: 'success' },
    ...{ startedAt: at, finishedAt: at, durationMs: 1, counts: {}, usage: [], recordedAt: at },
  };
}

/** Seeds properties, history and runs, with some rows older than the default retention. */
export async function seedPipeline(db: Db): Promise<void> {
  const collections = pipelineCollections(db);
  await collections.properties.insertMany([
    property('102-29-001', '85031'),
    property('102-29-002', '85033'),
    property('102-29-003', '85035'),
  ]);
  await collections.history.insertMany([
    historyRow('h-old-1', 800),
    historyRow('h-old-2', 731),
    historyRow('h-old-3', 1000),
    historyRow('h-new-1', 729),
    historyRow('h-new-2', 1),
  ]);
  await collections.runs.insertMany([runRow('run-old', 401), runRow('run-new', 399)]);
}
