import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../shared/http/retry-after.js';

const now = Date.parse('2025-07-21T10:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['2', 2000],
    ['0', 0],
    [' 120 ', 120_000],
    ['1.5', 1500],
    ['Mon, 21 Jul 2025 10:00:30 GMT', 30_000],
    ['Monday, 21-Jul-25 10:01:00 GMT', 60_000],
    ['Mon Jul 21 10:00:05 2025 GMT', 5000],
    ['Mon, 21 Jul 2025 09:59:00 GMT', 0],
    ['', undefined],
    ['soon', undefined],
    ['-5', undefined],
    ['12abc', undefined],
    [null, undefined],
    [undefined, undefined],
  ])('%j -> %j ms', (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });
});
