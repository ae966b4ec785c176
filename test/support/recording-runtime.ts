import type { z } from 'zod';
import { runAction, type ActionDefinition, type ActionRuntime } from '../../shared/action.js';
import { memoryLogger } from '../../shared/logger.js';

/**
 * A runner for `runAction` in tests: reads inputs (kebab-case names) from a map and records what
 * the action did — outputs, masked secrets, failures, summaries and log lines.
 */
export function recordingRuntime(inputs: Record<string, string>) {
  const outputs: Record<string, string> = {};
  const secrets: string[] = [];
  const failures: string[] = [];
  const summaries: string[] = [];
  const logger = memoryLogger();
  const runtime: ActionRuntime = {
    getInput: (name) => inputs[name] ?? '',
    setSecret: (value) => void secrets.push(value),
    setOutput: (name, value) => void (outputs[name] = value),
    setFailed: (message) => void failures.push(message),
    appendSummary: (markdown) => Promise.resolve(void summaries.push(markdown)),
    logger,
  };
  return { runtime, outputs, secrets, failures, summaries, logger };
}

/** What one recorded `runAction` did. */
export interface RecordedRun {
  outputs: Record<string, string>;
  secrets: string[];
  failures: string[];
  summaries: string[];
  lines: string[];
}

/** Runs `definition` through `runAction` with `inputs` (kebab-case) and returns what it did. */
export async function runRecorded<I extends z.ZodObject, R>(
  definition: ActionDefinition<I, R>,
  inputs: Record<string, string>,
): Promise<RecordedRun> {
  const recorded = recordingRuntime(inputs);
  await runAction(definition, recorded.runtime);
  const { outputs, secrets, failures, summaries, logger } = recorded;
  return { outputs, secrets, failures, summaries, lines: logger.lines };
}
