import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { outputTail } from './run-command.js';

/** A started `ferretdb` with its SQLite data and log in `dir`. */
export interface FerretdbProcess {
  child: ChildProcess;
  logFile: string;
  /** How it ended (`status 1`, `signal SIGKILL`, or why it could not start), once it has. */
  exit: Promise<string>;
  /** Set as soon as it has ended. */
  readonly ended: string | undefined;
}

/** Starts FerretDB with SQLite on `127.0.0.1:port`; its output goes to `dir/ferretdb.log`. */
export function spawnFerretdb(binary: string, dir: string, port: number): FerretdbProcess {
  const logFile = path.join(dir, 'ferretdb.log');
  const args = [
    '--handler=sqlite',
    `--sqlite-url=file:${path.join(dir, 'data')}/`,
    `--listen-addr=127.0.0.1:${port}`,
    '--telemetry=disable',
    `--state-dir=${dir}`,
    // The debug HTTP listener defaults to port 8088, which two instances would fight over.
    '--debug-addr=-',
  ];
  const log = openSync(logFile, 'a');
  let ended: string | undefined;
  const child = spawn(binary, args, { stdio: ['ignore', log, log] });
  closeSync(log);
  const exit = new Promise<string>((resolve) => {
    child.once('error', (error) => resolve((ended ??= `could not start: ${error.message}`)));
    child.once('exit', (code, signal) =>
      resolve((ended ??= code === null ? `signal ${signal}` : `status ${code}`)),
    );
  });
  return {
    child,
    logFile,
    exit,
    get ended() {
      return ended;
    },
  };
}

/**
 * Ends the process: SIGTERM, then SIGKILL when it has not exited after `graceMs`. FerretDB
 * lingers 3 s for open connections; the grace is shorter because its data is thrown away.
 */
export async function terminate(server: FerretdbProcess, graceMs = 1_000): Promise<void> {
  if (server.ended !== undefined) return;
  server.child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), graceMs);
  });
  const outcome = await Promise.race([server.exit, timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    server.child.kill('SIGKILL');
    await server.exit;
  }
}

/** The last lines FerretDB wrote, for error messages. */
export async function logTail(server: FerretdbProcess): Promise<string> {
  const text = await readFile(server.logFile, 'utf8').catch(() => '');
  return text.trim() === '' ? '(the log is empty)' : outputTail(text);
}
