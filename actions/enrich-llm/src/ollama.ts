import { Ollama, type Message } from 'ollama';
import { errorMessage } from '../../../shared/errors.js';
import { classifyException, classifyStatus } from '../../../shared/http/classify.js';
import {
  createHttpError,
  type FailureClass,
  type HttpError,
} from '../../../shared/http/http-error.js';
import { redactUrl } from '../../../shared/http/redact.js';

/** What one chat call produced. */
export interface ChatResult {
  /** The assistant's whole reply, concatenated from the streamed chunks. */
  content: string;
  /** `prompt_eval_count` of the final line. */
  promptTokens: number;
  /** `eval_count` of the final line. */
  evalTokens: number;
  /** `done_reason` of the final line: `stop`, or `length` when `num_predict` cut the reply. */
  doneReason: string;
  /** Wall-clock time of the call, in ms. */
  durationMs: number;
}

/** Sampling settings: low temperature and a fixed seed, so a rerun gives the same answer. */
export const SAMPLING = { temperature: 0.1, seed: 42 } as const;

/**
 * The Ollama server behind the official client. Every call streams (so Node's 300 s limit on a
 * silent response never applies) and runs under its own deadline, enforced by aborting the fetch;
 * failures become HttpErrors whose class says whether to retry and whether the source is down.
 */
export class OllamaGateway {
  readonly #host: string;
  /** The host with any credentials replaced by `***`, for messages. */
  readonly safeHost: string;

  constructor(host: string) {
    this.#host = host.replace(/\/+$/, '');
    this.safeHost = redactUrl(this.#host).replace(/\/$/, '');
  }

  /**
   * Runs `call` with a client whose every fetch aborts after `timeoutMs`, or when `abandon` aborts
   * (the work was stopped): then `abandon`'s reason is thrown, not a failure of the server.
   */
  async #within<T>(
    what: string,
    timeoutMs: number,
    call: (client: Ollama) => Promise<T>,
    abandon?: AbortSignal,
  ): Promise<T> {
    abandon?.throwIfAborted();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const signals = abandon ? [controller.signal, abandon] : [controller.signal];
    const fetchWithDeadline: typeof fetch = (input, init) =>
      fetch(input, {
        ...init,
        signal: AbortSignal.any(init?.signal ? [init.signal, ...signals] : signals),
      });
    try {
      return await call(new Ollama({ host: this.#host, fetch: fetchWithDeadline }));
    } catch (error) {
      if (abandon?.aborted) throw abandon.reason;
      if (controller.signal.aborted) {
        throw this.#failure(`${what} timed out after ${timeoutMs} ms`, 'timeout', error);
      }
      throw this.#classify(what, error);
    } finally {
      clearTimeout(timer);
    }
  }

  #failure(
    message: string,
    failureClass: FailureClass,
    cause: unknown,
    status?: number,
  ): HttpError {
    const url = this.safeHost;
    return createHttpError(`Ollama at ${url}: ${message}`, { failureClass, status, url, cause });
  }

  #classify(what: string, error: unknown): HttpError {
    const status = (error as { status_code?: unknown }).status_code;
    if (typeof status === 'number') {
      const failureClass = classifyStatus(status) ?? 'other';
      return this.#failure(
        `${what} answered ${status}: ${errorMessage(error)}`,
        failureClass,
        error,
        status,
      );
    }
    const failureClass = classifyException(error);
    // The client throws plain Errors for a stream cut before `done` or an `error` line in it.
    const streamBroken =
      failureClass === 'other' && /done|stream|runner|error/i.test(errorMessage(error));
    return this.#failure(
      `${what} failed: ${errorMessage(error)}`,
      streamBroken ? 'bad-body' : failureClass,
      error,
    );
  }

  /** Names of the installed models (`GET /api/tags`). */
  async installedModels(timeoutMs: number, abandon?: AbortSignal): Promise<string[]> {
    const list = await this.#within(
      'listing models',
      timeoutMs,
      (client) => client.list(),
      abandon,
    );
    return list.models.map((model) => model.name);
  }

  /** Details of one model (`POST /api/show`), e.g. `llama 3.2B Q4_K_M`. */
  async describeModel(model: string, timeoutMs: number, abandon?: AbortSignal): Promise<string> {
    const shown = await this.#within(
      `show ${model}`,
      timeoutMs,
      (client) => client.show({ model }),
      abandon,
    );
    const { family, parameter_size, quantization_level } = shown.details;
    return [family, parameter_size, quantization_level].filter(Boolean).join(' ');
  }

  /** Pulls `model`, reporting each progress line; resolves on `success`. */
  async pull(
    model: string,
    timeoutMs: number,
    onProgress: (status: string, share?: number) => void,
    abandon?: AbortSignal,
  ) {
    await this.#within(
      `pull ${model}`,
      timeoutMs,
      async (client) => {
        for await (const line of await client.pull({ model, stream: true })) {
          const share = line.total > 0 ? line.completed / line.total : undefined;
          onProgress(line.status, share);
        }
      },
      abandon,
    );
  }

  /**
   * One streamed chat call with `format` and sampling options, at most `numPredict` output tokens
   * (a model stuck repeating itself stops there); the reply's text and counts. `abandon` gives up
   * on the call at once (the work was stopped).
   */
  async chat(
    request: {
      model: string;
      messages: Message[];
      format: object;
      numCtx: number;
      numPredict: number;
    },
    timeoutMs: number,
    abandon?: AbortSignal,
  ): Promise<ChatResult> {
    const startedAt = performance.now();
    return this.#within(
      `chat with ${request.model}`,
      timeoutMs,
      async (client) => {
        const stream = await client.chat({
          model: request.model,
          messages: request.messages,
          format: request.format,
          stream: true,
          options: { ...SAMPLING, num_ctx: request.numCtx, num_predict: request.numPredict },
        });
        const parts: string[] = [];
        let promptTokens = 0;
        let evalTokens = 0;
        let doneReason = '';
        for await (const chunk of stream) {
          parts.push(chunk.message.content);
          if (chunk.done) {
            promptTokens = chunk.prompt_eval_count ?? 0;
            evalTokens = chunk.eval_count ?? 0;
            doneReason = chunk.done_reason ?? '';
          }
        }
        return {
          content: parts.join(''),
          promptTokens,
          evalTokens,
          doneReason,
          durationMs: performance.now() - startedAt,
        };
      },
      abandon,
    );
  }
}
