import { once } from 'node:events';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { runAction } from '../../../shared/action.js';
import { action } from '../../../actions/preflight/src/main.js';
import { recordingRuntime } from '../../support/recording-runtime.js';

/** What one run of the preflight left behind, with everything a user could read in one string. */
export interface PreflightRun {
  outputs: Record<string, string>;
  failures: string[];
  summary: string;
  lines: string[];
  /** Values passed to setSecret. */
  masked: string[];
  /** Logs, summary, outputs and failures together: where a secret must never appear. */
  visible: string;
  elapsedMs: number;
}

/** Runs the action's definition through `runAction` with a recording runtime. */
export async function runPreflight(inputs: Record<string, string>): Promise<PreflightRun> {
  const recorded = recordingRuntime(inputs);
  const started = performance.now();
  await runAction(action, recorded.runtime);
  const elapsedMs = performance.now() - started;
  const summary = recorded.summaries.join('\n');
  return {
    outputs: recorded.outputs,
    failures: recorded.failures,
    summary,
    lines: recorded.logger.lines,
    masked: recorded.secrets,
    visible: [
      ...recorded.logger.lines,
      summary,
      ...Object.values(recorded.outputs),
      ...recorded.failures,
    ].join('\n'),
    elapsedMs,
  };
}

/** The summary table row of check `name`, or undefined. */
export function summaryRow(run: PreflightRun, name: string): string | undefined {
  return run.summary.split('\n').find((line) => line.startsWith(`| ${name} |`));
}

/** A loopback port nothing listens on: bound, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A TCP server that accepts connections and never says a word: a hung server. */
export async function startSilentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => socket.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
