import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import { abortReason } from './backoff.js';
import { classifyException, classifyStatus, isJsonContentType, looksLikeHtml } from './classify.js';
import { createHttpError, type FailureClass, type HttpError } from './http-error.js';
import { BodyTooLargeError, bodyTooLarge, readCapped } from './body-limit.js';
import { redactUrl, scrubSecrets, secretHeaderValues, secretQueryValues } from './redact.js';
import { parseRetryAfter } from './retry-after.js';

/** What a `ResponseClassifier` sees of a response: its status and its headers by name. */
export interface ResponseHead {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
}

/**
 * A caller's say on a response before the default rules (status, content type): return a
 * class to fail with it, or `undefined` to let the defaults decide. The county uses it to
 * call its 500 "Unauthorized access" page `auth`.
 */
export type ResponseClassifier = (response: ResponseHead, body: string) => FailureClass | undefined;

const decoder = new TextDecoder();

/** One GET, as the client sends it. */
export interface AttemptRequest {
  /** The client's keep-alive connection pool. */
  dispatcher: Dispatcher;
  url: string;
  headers: Record<string, string>;
  /** Longest wait for the response head, and longest silence inside the body, in ms. */
  timeoutMs: number;
  expect: 'json' | 'text';
  signal: AbortSignal | undefined;
  classifyResponse: ResponseClassifier | undefined;
  /** Largest body read; a larger one fails (see `readCapped`). */
  maxBytes: number;
}

/** A usable response: the parsed JSON or the text, the body as text, and the body size. */
export interface AttemptResult {
  value: unknown;
  /** The body as received, decoded (for JSON, the text `value` was parsed from). */
  text: string;
  status: number;
  bytes: number;
}

// undici's own timeouts, each with what it means for the error message.
const TIMEOUT_DETAILS: Record<string, (ms: number) => string> = {
  UND_ERR_HEADERS_TIMEOUT: (ms) => `no response within ${ms} ms`,
  UND_ERR_BODY_TIMEOUT: (ms) => `the body stalled for ${ms} ms`,
  UND_ERR_CONNECT_TIMEOUT: () => 'no connection within the connect timeout',
};

/**
 * Sends one GET through the client's dispatcher, timed out by undici itself (no timer or
 * AbortSignal of our own per request), and turns every failure into an `HttpError` whose
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
  const target = URL.parse(request.url);
  if (target === null || !/^https?:$/.test(target.protocol)) throw fail('other', 'not a valid URL');
  // fetch refused these; sending the request without them would hide the mistake.
  if (target.username !== '' || target.password !== '')
    throw fail('other', 'expected a URL without user name or password');

  let status: number;
  let headers: IncomingHttpHeaders;
  let bytes: Uint8Array;
  try {
    const response = await request.dispatcher.request({
      origin: target.origin,
      path: `${target.pathname}${target.search}`,
      method: 'GET',
      headers: request.headers,
      headersTimeout: request.timeoutMs,
      bodyTimeout: request.timeoutMs,
      // Passed only when given: a signal per request costs a listener per request in undici.
      ...(request.signal ? { signal: request.signal } : {}),
    });
    status = response.statusCode;
    headers = response.headers;
    bytes = await readCapped(response.body, request.maxBytes, headers['content-length']);
  } catch (error) {
    if (request.signal?.aborted) throw abortReason(request.signal);
    if (error instanceof BodyTooLargeError) throw bodyTooLarge(target, error.maxBytes);
    const failureClass = classifyException(error);
    const code = (error as { code?: unknown } | null)?.code;
    const timeout = typeof code === 'string' ? TIMEOUT_DETAILS[code] : undefined;
    const detail = timeout ? timeout(request.timeoutMs) : causeText(error);
    throw fail(failureClass, `${failureClass} (${detail})`, { cause: error });
  }

  const body = decoder.decode(bytes);
  const retryAfterMs = parseRetryAfter(headerValue(headers, 'retry-after'));
  const contentType = headerValue(headers, 'content-type');
  const head: ResponseHead = { status, headers: { get: (name) => headerValue(headers, name) } };
  const failureClass =
    request.classifyResponse?.(head, body) ??
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
  if (request.expect === 'text') return { value: body, text: body, status, bytes: bytes.length };
  try {
    return { value: JSON.parse(body) as unknown, text: body, status, bytes: bytes.length };
  } catch {
    throw fail('bad-body', `HTTP ${status}, bad-body: not valid JSON: ${excerpt(body)}`, {
      status,
    });
  }
}

/** A header as `Headers.get` gives it: repeated values joined with ", ", absent as null. */
function headerValue(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name.toLowerCase()];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

function excerpt(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  return text.length > 120 ? `${text.slice(0, 120)}...` : text || '(empty body)';
}

/** Messages and codes down the cause chain (undici hides the socket error in `cause`). */
export function causeText(error: unknown): string {
  const parts: string[] = [];
  for (let current = error, depth = 0; current instanceof Error && depth < 3; depth += 1) {
    const code = (current as { code?: unknown }).code;
    parts.push(typeof code === 'string' ? `${current.message} [${code}]` : current.message);
    current = current.cause;
  }
  return parts.join(': ') || String(error);
}
