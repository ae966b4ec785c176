import type { Logger } from '../shared/logger.js';

/** Logger for command-line tools; debug lines appear when `verbose` is set. */
export function consoleLogger(options: { verbose?: boolean } = {}): Logger {
  let depth = 0;
  const indent = (): string => '  '.repeat(depth);
  return {
    debug: (message) => {
      if (options.verbose) console.debug(`${indent()}[debug] ${message}`);
    },
    info: (message) => console.log(`${indent()}${message}`),
    warning: (message) => console.warn(`${indent()}warning: ${message}`),
    error: (message) => console.error(`${indent()}error: ${message}`),
    startGroup: (name) => {
      console.log(`${indent()}▸ ${name}`);
      depth += 1;
    },
    endGroup: () => {
      depth = Math.max(0, depth - 1);
    },
  };
}
