import * as core from '@actions/core';

/** The one logging interface passed down to domain code; actions never call `console`. */
export interface Logger {
  /** Payloads and details, shown only with step debug logging. */
  debug(message: string): void;
  /** Counts and progress. */
  info(message: string): void;
  /** A problem that did not stop the work; shown as an annotation on runners. */
  warning(message: string): void;
  /** A failure; shown as an annotation on runners. */
  error(message: string): void;
  /** Opens a collapsible group; every `startGroup` is matched by `endGroup`. */
  startGroup(name: string): void;
  endGroup(): void;
}

/** Logger for GitHub runners and the local runner: workflow commands through `@actions/core`. */
export const coreLogger: Logger = {
  debug: (message) => core.debug(message),
  info: (message) => core.info(message),
  warning: (message) => core.warning(message),
  error: (message) => core.error(message),
  startGroup: (name) => core.startGroup(name),
  endGroup: () => core.endGroup(),
};

/** Logger that keeps lines in memory; used by tests and to capture a phase's output. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    debug: (message) => lines.push(`debug: ${message}`),
    info: (message) => lines.push(`info: ${message}`),
    warning: (message) => lines.push(`warning: ${message}`),
    error: (message) => lines.push(`error: ${message}`),
    startGroup: (name) => lines.push(`group: ${name}`),
    endGroup: () => lines.push('endgroup'),
  };
}

/** Runs `phase` inside a collapsible group that always closes, even when `phase` throws. */
export async function withGroup<T>(
  logger: Logger,
  name: string,
  phase: () => Promise<T>,
): Promise<T> {
  logger.startGroup(name);
  try {
    return await phase();
  } finally {
    logger.endGroup();
  }
}
