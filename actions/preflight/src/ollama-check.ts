import { networkReason } from './network.js';
import { pass, warn, type CheckOutcome } from './check.js';

/** `llama3.2` means `llama3.2:latest`, as Ollama names models. */
export function fullModelName(model: string): string {
  return model.includes(':') ? model : `${model}:latest`;
}

async function getJson(url: URL, signal: AbortSignal): Promise<unknown> {
  const response = await fetch(url, { signal });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}

/** What the Ollama check found; `reachable` feeds the `ollama` output. */
export interface OllamaOutcome extends CheckOutcome {
  reachable: boolean;
}

/**
 * `GET /api/version`, then `/api/tags` to see whether the model is installed. Everything here is
 * a warning: a missing model is pulled by the enrichment job, and without Ollama enrichment falls
 * back to rules.
 */
export async function checkOllama(
  host: string,
  model: string,
  signal: AbortSignal,
): Promise<OllamaOutcome> {
  const base = host.replace(/\/?$/, '/');
  let version: string;
  try {
    const body = (await getJson(new URL('api/version', base), signal)) as { version?: unknown };
    version = typeof body.version === 'string' ? body.version : 'unknown';
  } catch (error) {
    const why =
      error instanceof Error && error.message.startsWith('HTTP')
        ? error.message
        : networkReason(error);
    return {
      ...warn(
        `Ollama unreachable at ${new URL(base).origin} (${why}); enrichment will fall back to rules`,
      ),
      reachable: false,
    };
  }
  try {
    const body = (await getJson(new URL('api/tags', base), signal)) as {
      models?: Array<{ name?: string; model?: string }>;
    };
    const wanted = fullModelName(model);
    const installed = (body.models ?? []).map((entry) =>
      fullModelName(entry.name ?? entry.model ?? ''),
    );
    if (!installed.includes(wanted))
      return {
        ...warn(`Ollama ${version} is up but model ${wanted} is not installed; it will be pulled`),
        reachable: true,
      };
    return { ...pass(`Ollama ${version} is up with model ${wanted}`), reachable: true };
  } catch (error) {
    return {
      ...warn(`Ollama ${version} is up but listing its models failed (${networkReason(error)})`),
      reachable: true,
    };
  }
}
