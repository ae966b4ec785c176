import { errorMessage } from '../../../shared/errors.js';
import type { CircuitBreaker } from '../../../shared/http/circuit-breaker.js';
import { isHttpError, type FailureClass } from '../../../shared/http/http-error.js';
import { retry } from '../../../shared/http/retry.js';
import type { Logger } from '../../../shared/logger.js';
import type { EnrichmentFieldName } from '../../../shared/model/enrichment.js';
import { fieldsToAsk, knownFields, type KnownFields } from './known-fields.js';
import type { ChatResult, OllamaGateway } from './ollama.js';
import { batchMessages, type PromptItem } from './prompt.js';
import { checkReply, type Extraction } from './reply.js';
import { replyFormat } from './reply-schema.js';
import type { Subject } from './subjects.js';

/**
 * Output tokens allowed per property in a call (`num_predict`), with a little for the envelope.
 * A lean item takes well under half of this; a model that keeps generating stops here instead of
 * at the call's deadline.
 */
export const OUTPUT_TOKENS_PER_PROPERTY = 250;
const OUTPUT_TOKENS_PER_CALL = 50;

/** What the model cost and how it behaved, over a whole run. */
export interface LlmStats {
  calls: number;
  tokensIn: number;
  tokensOut: number;
  durationMs: number;
  /** Calls repeated after a transport failure. */
  retries: number;
  /** Items whose first reply was invalid, missing or duplicated (retried with the problem). */
  invalidReplies: number;
  /** Call failures by class (timeouts, 5xx, refused connections, open circuit). */
  failures: Partial<Record<FailureClass | 'circuit-open', number>>;
}

/** How one batch ended: extractions by subject key, and why the others failed. */
export interface BatchOutcome {
  extracted: Map<string, Extraction>;
  failed: Map<string, string>;
  /** Keys of `failed` whose call outlived its deadline. */
  timedOut: Set<string>;
  /** Keys given up on because the work was stopped: for the next night, not for the fallback. */
  abandoned: Set<string>;
  /** Items still invalid after the retry. */
  invalid: number;
  /** Keys of those items. */
  invalidKeys: Set<string>;
}

/** How a batch learns that the work was stopped. */
export interface BatchControl {
  /** Aborted once no new call should start (a repeat of invalid items included). */
  stop?: AbortSignal;
  /** Aborted when the call in flight must be given up (the grace after the stop is over). */
  abandon?: AbortSignal;
}

/** What the extractor needs. */
export interface LlmExtractorOptions {
  gateway: OllamaGateway;
  /** Full model name, `llama3.2:latest`. */
  model: string;
  numCtx: number;
  /** Deadline per property in a call; a call gets this times its properties. */
  timeoutPerItemMs: number;
  breaker: CircuitBreaker;
  logger: Logger;
  /** Ceiling of the first backoff before a repeated call. Default 500 ms. */
  retryDelayMs?: number;
}

/** An empty tally. */
export const emptyLlmStats = (): LlmStats => ({
  calls: 0,
  tokensIn: 0,
  tokensOut: 0,
  durationMs: 0,
  retries: 0,
  invalidReplies: 0,
  failures: {},
});

/**
 * Extracts a batch with the model: one prompt for all its properties, each under a short id;
 * the reply is matched back by id, and only the items that came back invalid, missing or
 * duplicated are asked again, once, with the problem named. Transport failures are retried once
 * through the circuit breaker; when it is open the batch fails at once.
 */
export class LlmExtractor {
  readonly stats = emptyLlmStats();
  readonly #options: LlmExtractorOptions;

  constructor(options: LlmExtractorOptions) {
    this.#options = options;
  }

  async #call(
    items: PromptItem[],
    asked: EnrichmentFieldName[],
    problems: Map<string, string> | undefined,
    abandon: AbortSignal | undefined,
  ): Promise<ChatResult> {
    const { gateway, model, numCtx, breaker } = this.#options;
    const messages = batchMessages(items, asked, problems);
    const format = replyFormat(asked);
    const numPredict = OUTPUT_TOKENS_PER_CALL + OUTPUT_TOKENS_PER_PROPERTY * items.length;
    const timeoutMs = this.#options.timeoutPerItemMs * items.length;
    const attempt = () =>
      breaker.execute(async () => {
        this.stats.calls += 1;
        return gateway.chat({ model, messages, format, numCtx, numPredict }, timeoutMs, abandon);
      });
    const countFailure = (error: unknown) => {
      const name = isHttpError(error) ? error.failureClass : 'circuit-open';
      this.stats.failures[name] = (this.stats.failures[name] ?? 0) + 1;
    };
    try {
      return await retry(attempt, {
        maxAttempts: 2,
        signal: abandon,
        baseDelayMs: this.#options.retryDelayMs ?? 500,
        onRetry: ({ error }) => {
          this.stats.retries += 1;
          countFailure(error);
          this.#options.logger.warning(`${errorMessage(error)}; trying the batch again`);
        },
      });
    } catch (error) {
      if (!abandon?.aborted) countFailure(error);
      throw error;
    }
  }

  /**
   * Extracts `subjects` (at most 20) in one prompt that asks only for the fields their facts do
   * not give, plus one retry for the items that failed. Once `control.stop` aborts no retry starts,
   * and once `control.abandon` aborts the call in flight is given up: those items are `abandoned`.
   */
  async extractBatch(
    subjects: readonly Subject[],
    control: BatchControl = {},
  ): Promise<BatchOutcome> {
    const outcome: BatchOutcome = {
      extracted: new Map(),
      failed: new Map(),
      timedOut: new Set(),
      abandoned: new Set(),
      invalid: 0,
      invalidKeys: new Set(),
    };
    const known = new Map<string, KnownFields>();
    let pending: PromptItem[] = subjects.map((subject, index) => {
      known.set(`p${index + 1}`, knownFields(subject.input));
      return { id: `p${index + 1}`, subject };
    });
    let problems: Map<string, string> | undefined;
    for (let attempt = 1; attempt <= 2 && pending.length > 0; attempt += 1) {
      if (attempt > 1 && control.stop?.aborted) {
        // Stopped before the repeat: these items are asked again next night, not given to rules.
        for (const item of pending) outcome.abandoned.add(item.subject.key);
        return outcome;
      }
      const facts = new Map(pending.map((item) => [item.id, known.get(item.id) ?? {}]));
      const asked = fieldsToAsk([...facts.values()]);
      let reply: ChatResult;
      try {
        reply = await this.#call(pending, asked, problems, control.abandon);
      } catch (error) {
        for (const item of pending) {
          if (control.abandon?.aborted) outcome.abandoned.add(item.subject.key);
          else outcome.failed.set(item.subject.key, errorMessage(error));
          if (isHttpError(error) && error.failureClass === 'timeout')
            outcome.timedOut.add(item.subject.key);
        }
        return outcome;
      }
      this.stats.tokensIn += reply.promptTokens;
      this.stats.tokensOut += reply.evalTokens;
      this.stats.durationMs += reply.durationMs;
      if (reply.doneReason === 'length') {
        this.#options.logger.warning(
          `the reply for ${pending.length} properties reached its limit of ${OUTPUT_TOKENS_PER_CALL + OUTPUT_TOKENS_PER_PROPERTY * pending.length} output tokens`,
        );
      }
      const checked = checkReply(reply.content, facts, asked);
      if (checked.extraIds.length > 0) {
        this.#options.logger.debug(`reply had ids never asked for: ${checked.extraIds.join(', ')}`);
      }
      for (const item of pending) {
        const extraction = checked.valid.get(item.id);
        if (extraction) outcome.extracted.set(item.subject.key, extraction);
      }
      pending = pending.filter((item) => checked.problems.has(item.id));
      problems = new Map(pending.map((item) => [item.id, checked.problems.get(item.id) ?? '']));
      if (attempt === 1) this.stats.invalidReplies += pending.length;
      for (const [id, problem] of problems)
        this.#options.logger.debug(`reply item ${id}: ${problem}`);
    }
    for (const item of pending) {
      const problem = problems?.get(item.id) ?? 'invalid';
      outcome.failed.set(item.subject.key, `invalid reply after a retry: ${problem}`);
      outcome.invalidKeys.add(item.subject.key);
    }
    outcome.invalid = pending.length;
    return outcome;
  }
}
