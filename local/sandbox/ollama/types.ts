import type { OllamaFault } from './faults.js';

/** How to start the sandbox. */
export interface OllamaSandboxOptions {
  /** Models installed at start. Default `['llama3.2:latest']`. */
  models?: string[];
  /** Models `/api/pull` can fetch. Default llama3.2, llama3.1 and qwen2.5 (`:latest`). */
  pullable?: string[];
  /** Characters per streamed chunk. Default 32. */
  chunkChars?: number;
  /** Delay between streamed chunks and pull progress lines, in ms. Default 0. */
  chunkDelayMs?: number;
  /**
   * Output tokens generated per second (a CPU runner manages about 10); a reply takes its
   * `eval_count` divided by this, streamed or not. Default 0: at once.
   */
  tokensPerSecond?: number;
}

/** A request as the sandbox received it. */
export interface OllamaRequest {
  method: string;
  path: string;
  /** The parsed JSON body; undefined for GET or a body that is not JSON. */
  body: Record<string, unknown> | undefined;
}

/** What a test can change on a running sandbox. */
export interface OllamaSandboxSettings {
  /** Faults for the next generation requests, one each, in order (replaces the queue). */
  faults?: OllamaFault[];
  /** A fault for every generation request once the queue is empty; null clears it. */
  always?: OllamaFault | null;
  /** Delay between streamed chunks, in ms. */
  chunkDelayMs?: number;
  /** Output tokens generated per second; 0 answers at once. */
  tokensPerSecond?: number;
}

/** A running sandbox. */
export interface OllamaSandbox {
  /** Base URL to pass as the Ollama host, `http://127.0.0.1:<port>`. */
  url: string;
  /** Every request received, in order. */
  requests: OllamaRequest[];
  /** Requests received for `path` (`/api/chat`). */
  requestsTo(path: string): OllamaRequest[];
  /** Scripts failures and pacing. */
  configure(settings: OllamaSandboxSettings): void;
  /** Models installed now (pulls add to them), full names. */
  installed(): string[];
  /** Stops listening and destroys open connections. */
  close(): Promise<void>;
}
