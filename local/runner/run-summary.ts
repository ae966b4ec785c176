import { readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ConfigurationError } from '../../shared/errors.js';
import type { GitHubEmulator } from '../sandbox/github/server.js';
import type { WorkflowRunResult } from './workflow-run.js';

/** What `result.json` records of a run: how it was started and how its jobs ended. */
export interface RunSummary extends WorkflowRunResult {
  workflow: string;
  event: 'schedule' | 'workflow_dispatch';
  schedule?: string;
  inputs: Record<string, string>;
  runId: string;
  startedAt: string;
  ms: number;
}

/** The earlier run `runId` under `outRoot`, as its `result.json` says; one that succeeded is refused. */
export async function earlierRun(outRoot: string, runId: string): Promise<RunSummary> {
  const path = join(resolve(outRoot), runId, 'result.json');
  const text = await readFile(path, 'utf8').catch(() => {
    throw new ConfigurationError(`--rerun-failed ${runId}: there is no finished run at ${path}`);
  });
  const summary = JSON.parse(text) as RunSummary;
  if (summary.conclusion === 'success') {
    throw new ConfigurationError(`--rerun-failed ${runId}: that run succeeded; nothing to re-run`);
  }
  return { ...summary, attempt: summary.attempt ?? 1, inputs: summary.inputs ?? {} };
}

/** Writes `result.json`; after a re-run the earlier attempt's stays as `result-attempt-N.json`. */
export async function writeSummary(
  outDir: string,
  summary: RunSummary,
  previous: RunSummary | undefined,
): Promise<void> {
  if (previous) {
    const kept = join(outDir, `result-attempt-${previous.attempt}.json`);
    await rename(join(outDir, 'result.json'), kept);
  }
  await writeFile(join(outDir, 'result.json'), `${JSON.stringify(summary, null, 2)}\n`);
}

/** Writes `issues.json`: the issues in the local GitHub emulator, with their comments. */
export async function writeIssues(
  outDir: string,
  state: GitHubEmulator['state'],
  owner: string,
  repo: string,
) {
  const issues = state.issues(owner, repo).map((issue) => ({
    ...issue,
    commentBodies: state.comments(owner, repo, issue.number).map((comment) => comment.body),
  }));
  await writeFile(join(outDir, 'issues.json'), `${JSON.stringify(issues, null, 2)}\n`);
  return issues;
}
