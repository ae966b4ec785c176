import type { ServerResponse } from 'node:http';
import { setTimeout as wait } from 'node:timers/promises';
import { pullProgress } from './models.js';

const MISSING = { error: 'pull model manifest: file does not exist' };

/**
 * Answers `POST /api/pull` for `name` (a full model name): progress lines ending in
 * `{"status":"success"}` when `available`, else Ollama's manifest error (inside the stream, or
 * as a 500 when not streaming). `onInstalled` runs when the model lands.
 */
export async function answerPull(
  name: string,
  stream: boolean,
  available: boolean,
  response: ServerResponse,
  options: { onInstalled: () => void; lineDelayMs: number },
): Promise<void> {
  if (!stream) {
    if (available) options.onInstalled();
    response.writeHead(available ? 200 : 500, {
      'content-type': 'application/json; charset=utf-8',
    });
    response.end(JSON.stringify(available ? { status: 'success' } : MISSING));
    return;
  }
  response.writeHead(200, { 'content-type': 'application/x-ndjson' });
  const lines: Array<Record<string, unknown>> = available
    ? pullProgress(name)
    : [{ status: 'pulling manifest' }, MISSING];
  for (const line of lines) {
    if (response.destroyed) return;
    if (line.status === 'success') options.onInstalled();
    response.write(`${JSON.stringify(line)}\n`);
    if (options.lineDelayMs > 0) await wait(options.lineDelayMs);
  }
  response.end();
}
