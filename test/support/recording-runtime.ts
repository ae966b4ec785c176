import type { ActionRuntime } from '../../shared/action.js';
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
