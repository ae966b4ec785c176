import { abortReason } from './backoff.js';
import { classifyException, classifyStatus, isJsonContentType, looksLikeHtml } from './classify.js';
import { createHttpError, type FailureClass, type HttpError } from './http-error.js';
import { redactUrl, scrubSecrets, secretHeaderValues, secretQueryValues } from './redact.js';
import { parseRetryAfter } from './retry-after.js';

/**
 * A caller's say on a response before the default rules (status, content type): return a
 * class to fail with it, or `undefined` to let the defaults decide. The county uses it to
 * call its 500 "Unauthorized access" page `auth`.
 */
export type ResponseClassifier = (response: Response, body: string) => FailureClass | undefined;

const decoder = new TextDecoder();

/** One GET, as the client sends it. */
export interface AttemptRequest {
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
  expect: 'json' | 'text';
  signal: AbortSignal | undefined;
  classifyResponse: ResponseClassifier | undefined;
}

/** A usable response: the parsed JSON or the text, the body as text, and the body size. */
export interface AttemptResult {
  value: unknown;
  /** The body as received, decoded (for JSON, the text `value` was parsed from). */
  text: string;
  status: number;
  bytes: number;
}

/**
 * Sends one GET with its own timeout and turns every failure into an `HttpError` whose
 * message holds the redacted URL and a scrubbed excerpt, never a header value or token.
 * An abort by the caller's signal is rethrown as the signal's reason.
 */
export async function attemptGet(request: AttemptRequest): Promise<AttemptResult> {
  // Redaction and the secrets to scrub are worked out only when a request fails.
  const fail = (failureClass: FailureClass, detail: string, more: object = {}): HttpError => {
    const url = redactUrl(request.url);
    const secrets = [...secretHeaderValues(request.headers), ...secretQueryValues(request.url)];
    return createHttpError(`GET ${url}: ${scrubSecrets(detail, secrets)}`, {
      failureClass,
      url,
      ...more,
    });
  };
  if (!URL.canParse(request.url)) throw fail('other', 'not a valid URL');

  // One controller for the timeout and the caller's signal: AbortSignal.timeout and
  // AbortSignal.any cost two more signals per request, which shows at a thousand requests a second.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException('The operation timed out.', 'TimeoutError'));
  }, request.timeoutMs);
  const onAbort = (): void => controller.abort(request.signal?.reason);
  if (request.signal?.aborted) onAbort();
  else request.signal?.addEventListener('abort', onAbort, { once: true });
  let response: Response;
  let buffer: ArrayBuffer;
  try {
    response = await fetch(request.url, { headers: request.headers, signal: controller.signal });
    buffer = await response.arrayBuffer();
  } catch (error) {
    if (request.signal?.aborted) throw abortReason(request.signal);
    const failureClass = timedOut ? 'timeout' : classifyException(error);
    const detail = timedOut ? `no response within ${request.timeoutMs} ms` : causeText(error);
    throw fail(failureClass, `${failureClass} (${detail})`, { cause: error });
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', onAbort);
  }

  const body = decoder.decode(buffer);
  const status = response.status;
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  const contentType = response.headers.get('content-type');
  const failureClass =
    request.classifyResponse?.(response, body) ??
    classifyStatus(status) ??
    (request.expect === 'json' &&
    !isJsonContentType(contentType) &&
    (contentType !== null || looksLikeHtml(body))
      ? 'bad-body'
      : undefined);
  if (failureClass !== undefined) {
    const detail = `HTTP ${status} ${contentType ?? 'no content type'}, ${failureClass}: ${excerpt(body)}`;
    throw fail(failureClass, detail, { status, retryAfterMs });
  }
  if (request.expect === 'text')
    return { value: body, text: body, status, bytes: buffer.byteLength };
  try {
    return { value: JSON.parse(body) as unknown, text: body, status, bytes: buffer.byteLength };
  } catch {
    throw fail('bad-body', `HTTP ${status}, bad-body: not valid JSON: ${excerpt(body)}`, {
      status,
    });
  }
}

function excerpt(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  return text.length > 120 ? `${text.slice(0, 120)}...` : text || '(empty body)';
}

/** Messages and codes down the cause chain (undici hides the socket error in `cause`). */
function causeText(error: unknown): string {
  const parts: string[] = [];
  for (let current = error, depth = 0; current instanceof Error && depth < 3; depth += 1) {
    const code = (current as { code?: unknown }).code;
    parts.push(typeof code === 'string' ? `${current.message} [${code}]` : current.message);
    current = current.cause;
  }
  return parts.join(': ') || String(error);
}
