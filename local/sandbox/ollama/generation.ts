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
  /**
   * Output tokens generated per second, as a model on a CPU runner does (about 10); 0 answers at
   * once. The reply then takes its token count divided by this, streamed or not.
   */
  tokensPerSecond: number;
}

const NS_PER_MS = 1_000_000;

function chunks(text: string, size: number): string[] {
  const parts: string[] = [];
  for (let at = 0; at < text.length; at += size) parts.push(text.slice(at, at + size));
  return parts;
}

/** `options.num_predict` of the request when it limits the reply (Ollama: -1 none, -2 the context). */
function numPredict(body: Record<string, unknown>): number | undefined {
  const value = (body.options as { num_predict?: unknown } | undefined)?.num_predict;
  return typeof value === 'number' && value > 0 ? Math.floor(value) : undefined;
}

/** The reply as generated: cut at `num_predict` tokens (`done_reason: length`) as Ollama does. */
function generated(body: Record<string, unknown>, fault: OllamaFault | undefined) {
  const content = replyContent(body, fault);
  const limit = numPredict(body);
  if (limit === undefined || tokenCount(content) <= limit) {
    return { content, tokens: tokenCount(content), doneReason: 'stop' };
  }
  return { content: content.slice(0, limit * 4), tokens: limit, doneReason: 'length' };
}

/** The statistics Ollama puts on the final (`done`) line, durations in nanoseconds. */
function doneStats(
  prompt: string,
  reply: ReturnType<typeof generated>,
  startedAt: number,
  pacing: Pacing,
) {
  const measuredNs = Math.max(1, Math.round((performance.now() - startedAt) * NS_PER_MS));
  const paced = pacing.tokensPerSecond > 0;
  const evalNs = paced
    ? Math.round((reply.tokens / pacing.tokensPerSecond) * 1e9)
    : Math.round(measuredNs * 0.7);
  // The generation waited at least evalNs; a timer's rounding must not make the total smaller.
  const totalNs = Math.max(measuredNs, evalNs);
  return {
    done_reason: reply.doneReason,
    done: true,
    total_duration: totalNs,
    load_duration: Math.round((totalNs - evalNs) * 0.15),
    prompt_eval_count: tokenCount(prompt),
    prompt_eval_duration: Math.round((totalNs - evalNs) * 0.8),
    eval_count: reply.tokens,
    eval_duration: evalNs,
  };
}

/**
 * Answers `/api/chat` or `/api/generate` for an installed model: streamed NDJSON (one line per
 * chunk, then a `done` line with counts and durations) or, with `stream: false`, one JSON object.
 * At `pacing.tokensPerSecond` each chunk leaves when the tokens before it would have been
 * generated. Stops writing as soon as the client goes away.
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
  const reply = generated(body, fault);
  const generationStart = performance.now();
  // Waits until `tokens` output tokens would have been generated at the configured rate.
  const paceTo = async (tokens: number) => {
    if (pacing.tokensPerSecond <= 0) return;
    const due = generationStart + (tokens / pacing.tokensPerSecond) * 1000;
    // Timers may fire a fraction of a millisecond early: wait again until the time is really due.
    while (!gone.signal.aborted && performance.now() < due) {
      await pause(Math.max(1, Math.ceil(due - performance.now())));
    }
  };
  const line = (text: string, extra: Record<string, unknown> = { done: false }) => {
    const created_at = new Date().toISOString();
    const piece =
      endpoint === 'chat' ? { message: { role: 'assistant', content: text } } : { response: text };
    return { model, created_at, ...piece, ...extra };
  };
  const final = (text: string) => {
    const stats = doneStats(prompt, reply, startedAt, pacing);
    return line(text, endpoint === 'generate' ? { ...stats, context: [128006, 9125] } : stats);
  };
  if (body.stream === false) {
    await paceTo(reply.tokens);
    if (gone.signal.aborted) return;
    const text = JSON.stringify(final(reply.content));
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    response.end(text);
    return;
  }
  response.writeHead(200, { 'content-type': 'application/x-ndjson' });
  const parts = chunks(reply.content, pacing.chunkChars);
  const cutAt = fault?.kind === 'cut-stream' ? Math.ceil(parts.length / 2) : parts.length;
  let sent = '';
  for (const [index, part] of parts.slice(0, cutAt).entries()) {
    sent += part;
    await paceTo(Math.min(reply.tokens, tokenCount(sent)));
    if (gone.signal.aborted) return;
    response.write(`${JSON.stringify(line(part))}\n`);
    if (fault?.kind === 'stall' && index === Math.floor(cutAt / 2)) await pause(fault.ms);
    else if (pacing.chunkDelayMs > 0) await pause(pacing.chunkDelayMs);
  }
  if (gone.signal.aborted) return;
  if (cutAt < parts.length) response.end();
  else response.end(`${JSON.stringify(final(''))}\n`);
}
