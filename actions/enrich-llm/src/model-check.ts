import { retry } from '../../../shared/http/retry.js';
import type { Logger } from '../../../shared/logger.js';
import type { OllamaGateway } from './ollama.js';

/** Deadlines for the start-up checks: listing and showing are quick, a pull may take long. */
const CHECK_TIMEOUT_MS = 30_000;
const PULL_TIMEOUT_MS = 30 * 60_000;

/**
 * Makes sure `model` (a full name, `llama3.2:latest`) is on the server: lists the installed
 * models, pulls it with progress when absent, then shows its details. Throws the gateway's
 * HttpError when the server cannot be reached or the pull fails, and `signal`'s reason when it
 * aborts (the work was stopped).
 */
export async function ensureModel(
  gateway: OllamaGateway,
  model: string,
  logger: Logger,
  options: { retryDelayMs?: number; signal?: AbortSignal } = {},
): Promise<void> {
  const { signal } = options;
  const installed = await retry(() => gateway.installedModels(CHECK_TIMEOUT_MS, signal), {
    maxAttempts: 2,
    baseDelayMs: options.retryDelayMs ?? 1000,
    signal,
  });
  logger.debug(`Ollama at ${gateway.safeHost} has ${installed.join(', ') || 'no models'}`);
  if (!installed.includes(model)) {
    logger.info(`model ${model} is not on ${gateway.safeHost}: pulling it`);
    let reported = -1;
    await gateway.pull(
      model,
      PULL_TIMEOUT_MS,
      (status, share) => {
        const quarter = share === undefined ? reported : Math.floor(share * 4);
        if (share === undefined) logger.debug(`pull ${model}: ${status}`);
        else if (quarter > reported) {
          reported = quarter;
          logger.info(`pull ${model}: ${status} ${Math.round(share * 100)}%`);
        }
      },
      signal,
    );
  }
  const details = await gateway.describeModel(model, CHECK_TIMEOUT_MS, signal);
  logger.info(`model ${model} ready (${details || 'no details'})`);
}
