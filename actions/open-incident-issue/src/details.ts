import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { errorMessage } from '../../../shared/errors.js';
import { verifyManifest } from '../../../shared/io/manifest.js';
import { readStageRecords } from '../../../shared/io/stage-output.js';
import { ERROR_CLASSES, runStatsSchema, type RunStats } from '../../../shared/model/run-stats.js';
import type { RunMetrics } from './severity.js';

/** What the caller said about the failure: free Markdown, or the run-stats of a run's artifacts. */
export interface FailureDetails {
  /** Markdown given as `details`, untrusted; empty when a folder was given. */
  markdown: string;
  /** Run-stats read from the artifact folder. */
  stats: RunStats[];
  /** Folders whose manifest did not verify, with why; their stats are left out. */
  unreadable: string[];
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  );
}

/** Stage folders (holding `manifest.json`) at `dir` or one level below it, as downloads lay them out. */
async function stageFolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  if (entries.some((entry) => entry.isFile() && entry.name === 'manifest.json')) return [dir];
  const folders: string[] = [];
  for (const entry of entries.filter((candidate) => candidate.isDirectory())) {
    const names = await readdir(join(dir, entry.name));
    if (names.includes('manifest.json')) folders.push(join(dir, entry.name));
  }
  return folders;
}

/**
 * Reads `details`: a path to a folder of downloaded stage artifacts gives their verified run-stats;
 * anything else is Markdown. A folder that fails verification is named, not fatal: the incident
 * must still be filed.
 */
export async function readDetails(details: string): Promise<FailureDetails> {
  const path = details.trim();
  if (path === '' || path.includes('\n') || !(await isDirectory(path)))
    return { markdown: details, stats: [], unreadable: [] };
  const stats: RunStats[] = [];
  const unreadable: string[] = [];
  for (const folder of await stageFolders(path)) {
    try {
      const manifest = await verifyManifest(folder);
      for await (const record of readStageRecords(folder, manifest, 'run-stats', runStatsSchema))
        stats.push(record);
    } catch (error) {
      unreadable.push(`${folder}: ${errorMessage(error)}`);
    }
  }
  return { markdown: '', stats, unreadable };
}

/** Errors of a run-stats record, all classes together. */
export function errorCount(stats: RunStats): number {
  return ERROR_CLASSES.reduce((sum, name) => sum + stats.errorsByClass[name], 0);
}

/**
 * Success rate and failing components from run-stats; undefined without any. An action's
 * processed items are its largest named count (e.g. `parcels-fetched`).
 */
export function runMetrics(stats: RunStats[]): RunMetrics | undefined {
  if (stats.length === 0) return undefined;
  let processed = 0;
  let errors = 0;
  for (const record of stats) {
    processed += Math.max(0, ...Object.values(record.counts));
    errors += errorCount(record);
  }
  const failing = new Set(stats.filter((s) => s.outcome === 'failure').map((s) => s.action));
  return {
    successRate: processed + errors === 0 ? 1 : processed / (processed + errors),
    failingComponents: failing.size,
  };
}
