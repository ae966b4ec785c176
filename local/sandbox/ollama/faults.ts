/**
 * What can go wrong with one generation request (`/api/chat` or `/api/generate`), as a real
 * Ollama server or model gets it wrong. Queued with `configure({faults})`, one per request.
 */
export type OllamaFault =
  /** An HTTP error with Ollama's `{"error": ...}` body. */
  | { kind: 'status'; status: number; error?: string }
  /** Answers normally, but only after `ms` (a model loading, a busy CPU). */
  | { kind: 'delay'; ms: number }
  /** Sends part of the stream, then waits `ms` before the rest (a stalled generation). */
  | { kind: 'stall'; ms: number }
  /** Prose instead of JSON: a runtime that ignores `format`. */
  | { kind: 'ignore-format' }
  /** JSON cut off half way, with a normal `done` (the model hit `num_predict`). */
  | { kind: 'invalid-json' }
  /** The stream ends cleanly before the `done` line. */
  | { kind: 'cut-stream' }
  /** The connection is reset before any answer. */
  | { kind: 'reset' }
  /** The last item of a batch reply is left out. */
  | { kind: 'drop-item' }
  /** The first item of a batch reply appears twice. */
  | { kind: 'duplicate-item' }
  /** An item with an id the prompt never gave is added. */
  | { kind: 'extra-item' }
  /**
   * Every item answers the plainest value its schema allows for each field (null, `[]`, false):
   * a model that reads nothing out of the listing text, valid JSON all the same.
   */
  | { kind: 'blank' }
  /** Fields of the reply's items (all, or the one with `id`) are set to `values`, valid or not. */
  | { kind: 'override'; id?: string; values: Record<string, unknown> };
