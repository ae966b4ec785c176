import { describe, expect, it } from 'vitest';
import {
  classifyException,
  classifyStatus,
  isJsonContentType,
} from '../../../shared/http/classify.js';
import {
  createHttpError,
  NonRetryableHttpError,
  RetryableHttpError,
} from '../../../shared/http/http-error.js';
import { redactUrl, scrubSecrets } from '../../../shared/http/redact.js';
import { isRetryable } from '../../../shared/errors.js';

const withCode = (message: string, code: string): Error =>
  Object.assign(new Error(message), { code });
const fetchFailed = (cause: unknown): Error => new TypeError('fetch failed', { cause });

describe('classifyStatus', () => {
  it.each([
    [200, undefined],
    [304, undefined],
    [400, 'client'],
    [401, 'auth'],
    [403, 'auth'],
    [404, 'client'],
    [408, 'timeout'],
    [429, 'rate-limited'],
    [500, 'server'],
    [503, 'server'],
  ])('%i -> %s', (status, expected) => {
    expect(classifyStatus(status)).toBe(expected);
  });
});

describe('classifyException', () => {
  it.each([
    [
      'refused',
      fetchFailed(withCode('connect ECONNREFUSED 127.0.0.1:9', 'ECONNREFUSED')),
      'network',
    ],
    ['reset', fetchFailed(withCode('read ECONNRESET', 'ECONNRESET')), 'network'],
    ['undici socket', fetchFailed(withCode('other side closed', 'UND_ERR_SOCKET')), 'network'],
    ['body cut', new TypeError('terminated', { cause: new Error('other side closed') }), 'network'],
    ['dns', fetchFailed(withCode('getaddrinfo ENOTFOUND x.invalid', 'ENOTFOUND')), 'network'],
    ['hang up', fetchFailed(new Error('socket hang up')), 'network'],
    [
      'tls',
      fetchFailed(withCode('unable to verify', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE_CERT')),
      'network',
    ],
    ['tls code', fetchFailed(withCode('bad', 'ERR_TLS_CERT_ALTNAME_INVALID')), 'network'],
    [
      'abort timeout',
      new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
      'timeout',
    ],
    [
      'connect timeout',
      fetchFailed(withCode('Connect Timeout Error', 'UND_ERR_CONNECT_TIMEOUT')),
      'timeout',
    ],
    ['undici request: refused', withCode('connect ECONNREFUSED', 'ECONNREFUSED'), 'network'],
    ['undici request: socket', withCode('other side closed', 'UND_ERR_SOCKET'), 'network'],
    ['undici request: bad HTTP', withCode('Expected HTTP/', 'HPE_INVALID_CONSTANT'), 'network'],
    [
      'undici request: bad HTTP, no code',
      Object.assign(new Error('Response does not match the HTTP/1.1 protocol'), {
        name: 'HTTPParserError',
      }),
      'network',
    ],
    [
      'undici request: short body',
      withCode('Response body length does not match', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH'),
      'network',
    ],
    ['undici request: headers timeout', withCode('x', 'UND_ERR_HEADERS_TIMEOUT'), 'timeout'],
    ['undici request: body timeout', withCode('x', 'UND_ERR_BODY_TIMEOUT'), 'timeout'],
    ['undici request: bad argument', withCode('invalid header', 'UND_ERR_INVALID_ARG'), 'other'],
    ['programming error', new RangeError('oops'), 'other'],
    ['not an error', 'string', 'other'],
  ])('%s -> %s', (_name, error, expected) => {
    expect(classifyException(error)).toBe(expected);
  });
});

describe('HTTP errors', () => {
  it('are retryable exactly for transient classes', () => {
    const url = 'https://example.test/x';
    for (const failureClass of [
      'network',
      'timeout',
      'rate-limited',
      'server',
      'bad-body',
    ] as const) {
      const error = createHttpError('x', { failureClass, url, retryAfterMs: 5 });
      expect(error).toBeInstanceOf(RetryableHttpError);
      expect([isRetryable(error), error.retryAfterMs]).toEqual([true, 5]);
    }
    for (const failureClass of ['auth', 'client', 'other'] as const) {
      const error = createHttpError('x', { failureClass, url, status: 401 });
      expect(error).toBeInstanceOf(NonRetryableHttpError);
      expect([isRetryable(error), error.status, error.failureClass]).toEqual([
        false,
        401,
        failureClass,
      ]);
    }
  });

  it('recognise JSON content types', () => {
    expect(isJsonContentType('application/json; charset=utf-8')).toBe(true);
    expect(isJsonContentType('application/problem+json')).toBe(true);
    expect(isJsonContentType('text/html; charset=UTF-8')).toBe(false);
    expect(isJsonContentType(null)).toBe(false);
  });
});

describe('redaction', () => {
  it.each([
    [
      'https://h.test/search/property/?q=85031&page=2',
      'https://h.test/search/property/?q=85031&page=2',
    ],
    ['https://h.test/p?token=abc123&q=1', 'https://h.test/p?token=***&q=1'],
    [
      'https://h.test/p?api_key=k&access_token=t&sig=s',
      'https://h.test/p?api_key=***&access_token=***&sig=***',
    ],
    ['https://user:pass@h.test/p', 'https://***:***@h.test/p'],
    ['not a url?token=abc', 'not a url'],
  ])('%s -> %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it('scrubs secrets from text', () => {
    expect(scrubSecrets('echo s3cret-token and s3cret-token', ['s3cret-token'])).toBe(
      'echo *** and ***',
    );
  });
});
