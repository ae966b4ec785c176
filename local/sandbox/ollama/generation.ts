import type { ServerResponse } from 'node:http';
import { setTimeout as wait } from 'node:timers/promises';
import type { OllamaFault } from './faults.js';
import { promptText, replyContent, tokenCount } from './reply.js';

/** How a generation is paced. */
export interface Pacing {
  /** Characters per streamed chunk (a chunk stands for a few tokens). */
  chunkChars: number;
  /** Delay between streamed chunks, in ms. */
  chunkDelayMs: number;
}

const NS_PER_MS = 1_000_000;

function chunks(text: string, size: number): string[] {
  const parts: string[] = [];
  for (let at = 0; at < text.length; at += size) parts.push(text.slice(at, at + size));
  return parts;
}

/** The statistics Ollama puts on the final (`done`) line, durations in nanoseconds. */
function doneStats(prompt: string, content: string, startedAt: number) {
  const totalNs = Math.max(1, Math.round((performance.now() - startedAt) * NS_PER_MS));
  return {
    done_reason: 'stop',
    done: true,
    total_duration: totalNs,
    load_duration: Math.round(totalNs * 0.05),
    prompt_eval_count: tokenCount(prompt),
    prompt_eval_duration: Math.round(totalNs * 0.25),
    eval_count: tokenCount(content),
    eval_duration: Math.round(totalNs * 0.7),
  };
}

/**
 * Answers `/api/chat` or `/api/generate` for an installed model: streamed NDJSON (one line per
 * chunk, then a `done` line with counts and durations) or, with `stream: false`, one JSON object.
 * Stops writing as soon as the client goes away.
 */
export async function answerGeneration(
  endpoint: 'chat' | 'generate',
  body: Record<string, unknown>,
  response: ServerResponse,
  fault: OllamaFault | undefined,
  pacing: Pacing,
): Promise<void> {
  const startedAt = performance.now();
  const gone = new AbortController();
  response.on('close', () => gone.abort());
  const pause = (ms: number) => wait(ms, undefined, { signal: gone.signal }).catch(() => undefined);
  if (fault?.kind === 'delay') await pause(fault.ms);
  if (gone.signal.aborted) return;
  const model = String(body.model);
  const prompt = promptText(body);
  const content = replyContent(body, fault);
  const line = (text: string, extra: Record<string, unknown> = { done: false }) => {
    const created_at = new Date().toISOString();
    const piece =
      endpoint === 'chat' ? { message: { role: 'assistant', content: text } } : { response: text };
    return { model, created_at, ...piece, ...extra };
  };
  const final = (text: string) => {
    const stats = doneStats(prompt, content, startedAt);
    return line(text, endpoint === 'generate' ? { ...stats, context: [128006, 9125] } : stats);
  };
  if (body.stream === false) {
    const text = JSON.stringify(final(content));
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    response.end(text);
    return;
  }
  response.writeHead(200, { 'content-type': 'application/x-ndjson' });
  const parts = chunks(content, pacing.chunkChars);
  const cutAt = fault?.kind === 'cut-stream' ? Math.ceil(parts.length / 2) : parts.length;
  for (const [index, part] of parts.slice(0, cutAt).entries()) {
    if (gone.signal.aborted) return;
    response.write(`${JSON.stringify(line(part))}\n`);
    if (fault?.kind === 'stall' && index === Math.floor(cutAt / 2)) await pause(fault.ms);
    else if (pacing.chunkDelayMs > 0) await pause(pacing.chunkDelayMs);
  }
  if (gone.signal.aborted) return;
  if (cutAt < parts.length) response.end();
  else response.end(`${JSON.stringify(final(''))}\n`);
}
