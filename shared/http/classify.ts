import type { FailureClass } from './http-error.js';

/** Error codes (Node, undici, OpenSSL) that mean the connection itself failed. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_HEADERS_OVERFLOW',
  'UND_ERR_INFO',
  'EPROTO',
]);

/** Codes for a timeout: the socket's own, or undici's connect, headers and body timeouts. */
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

const NETWORK_MESSAGE = /socket hang up|other side closed|terminated|network|ssl|tls|certificate/i;

/**
 * The class of an HTTP status, or `undefined` for a success (1xx-3xx).
 * 401 and 403 are `auth`; a caller's `classifyResponse` hook can add more (the county's 500).
 */
export function classifyStatus(status: number): FailureClass | undefined {
  if (status < 400) return undefined;
  if (status === 429) return 'rate-limited';
  if (status === 401 || status === 403) return 'auth';
  // 408 Request Timeout: the server gave up waiting; a new request may get through.
  if (status === 408) return 'timeout';
  if (status >= 500) return 'server';
  return 'client';
}

/**
 * The class of something undici's `request` or `fetch` (or reading its body) threw: errors carry
 * a code, or (from fetch) are `TypeError('fetch failed')` or `TypeError('terminated')` with the
 * real error in `cause`, so the whole cause chain is searched.
 */
export function classifyException(error: unknown): FailureClass {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    if (typeof current !== 'object') break;
    const { name, code, message } = current as {
      name?: unknown;
      code?: unknown;
      message?: unknown;
    };
    if (name === 'TimeoutError') return 'timeout';
    // undici's parser choked on what came back (its code, HPE_*, may be missing): a broken answer.
    if (name === 'HTTPParserError') return 'network';
    if (typeof code === 'string') {
      if (TIMEOUT_CODES.has(code)) return 'timeout';
      if (
        NETWORK_CODES.has(code) ||
        code.startsWith('HPE_') ||
        code.startsWith('ERR_TLS') ||
        code.includes('CERT')
      ) {
        return 'network';
      }
    }
    if (typeof message === 'string' && NETWORK_MESSAGE.test(message) && depth > 0) return 'network';
    current = (current as { cause?: unknown }).cause;
  }
  const message = error instanceof Error ? error.message : '';
  return /fetch failed|terminated/i.test(message) ? 'network' : 'other';
}

/** True when a `Content-Type` value names JSON (`application/json`, `+json`, `text/json`). */
export function isJsonContentType(contentType: string | null): boolean {
  return contentType !== null && /[/+]json\b/i.test(contentType);
}

/** True when a body looks like an HTML page rather than data. */
export function looksLikeHtml(body: string): boolean {
  return /^\s*</.test(body);
}
