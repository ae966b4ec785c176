import { describe, expect, it } from 'vitest';
import {
  isRetryable,
  NonRetryableError,
  RetryableError,
  ConfigurationError,
  IntegrityError,
} from '../../shared/errors.js';
import { memoryLogger, withGroup } from '../../shared/logger.js';

describe('withGroup', () => {
  it('closes the group after the phase and returns its value', async () => {
    const logger = memoryLogger();
    const value = await withGroup(logger, 'Search ZIP 85031', () => {
      logger.info('3 pages');
      return Promise.resolve(75);
    });
    expect(value).toBe(75);
    expect(logger.lines).toEqual(['group: Search ZIP 85031', 'info: 3 pages', 'endgroup']);
  });

  it('closes the group when the phase throws, and lets the error through', async () => {
    const logger = memoryLogger();
    const phase = withGroup(logger, 'Fetch parcels', () =>
      Promise.reject(new Error('county down')),
    );
    await expect(phase).rejects.toThrow('county down');
    expect(logger.lines).toEqual(['group: Fetch parcels', 'endgroup']);
  });
});

describe('typed errors', () => {
  it.each([
    [new RetryableError('503'), true],
    [new NonRetryableError('404'), false],
    [new ConfigurationError("input 'zip-codes'"), false],
    [new IntegrityError('data.ndjson'), false],
    [new Error('plain'), false],
    ['a string', false],
  ])('%s is retryable: %s', (error, expected) => {
    expect(isRetryable(error)).toBe(expected);
  });

  it('keeps the server-requested delay and the class name', () => {
    const error = new RetryableError('429', { retryAfterMs: 2000 });
    expect(error.retryAfterMs).toBe(2000);
    expect(error.name).toBe('RetryableError');
    expect(new IntegrityError('x')).toBeInstanceOf(NonRetryableError);
  });
});
