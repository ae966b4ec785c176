import { describe, expect, it } from 'vitest';
import {
  CircuitBreaker,
  CircuitOpenError,
  type CircuitState,
} from '../../../shared/http/circuit-breaker.js';
import { isRetryable } from '../../../shared/errors.js';

const setup = (
  options: { halfOpenProbes?: number; isFailure?: (error: unknown) => boolean } = {},
) => {
  let now = 1_000;
  const changes: string[] = [];
  const breaker = new CircuitBreaker({
    name: 'mcao',
    failureThreshold: 3,
    openMs: 10_000,
    now: () => now,
    onStateChange: (from: CircuitState, to: CircuitState) => changes.push(`${from}->${to}`),
    ...options,
  });
  const advance = (ms: number): void => {
    now += ms;
  };
  return { breaker, changes, advance };
};
const fail = async (): Promise<never> => Promise.reject(new Error('down'));
const succeed = (): Promise<string> => Promise.resolve('ok');

describe('CircuitBreaker', () => {
  it('opens after consecutive failures and refuses calls without running them', async () => {
    const { breaker, changes } = setup();
    for (let i = 0; i < 3; i += 1) await expect(breaker.execute(fail)).rejects.toThrow('down');
    expect(breaker.state).toBe('open');
    let ran = false;
    const refused = breaker.execute(() => Promise.resolve((ran = true)));
    await expect(refused).rejects.toBeInstanceOf(CircuitOpenError);
    await expect(refused).rejects.toMatchObject({ retryAfterMs: 10_000 });
    expect(ran).toBe(false);
    expect(isRetryable(await refused.catch((error: unknown) => error))).toBe(false);
    expect(changes).toEqual(['closed->open']);
  });

  it('a success resets the count of consecutive failures', async () => {
    const { breaker } = setup();
    await expect(breaker.execute(fail)).rejects.toThrow();
    await expect(breaker.execute(fail)).rejects.toThrow();
    await breaker.execute(succeed);
    await expect(breaker.execute(fail)).rejects.toThrow();
    await expect(breaker.execute(fail)).rejects.toThrow();
    expect(breaker.state).toBe('closed');
  });

  it('half-opens after the open period; a successful probe closes, a failed one reopens', async () => {
    const { breaker, changes, advance } = setup();
    for (let i = 0; i < 3; i += 1) await expect(breaker.execute(fail)).rejects.toThrow();
    advance(9_999);
    await expect(breaker.execute(succeed)).rejects.toBeInstanceOf(CircuitOpenError);
    advance(1);
    expect(breaker.state).toBe('half-open');
    await expect(breaker.execute(fail)).rejects.toThrow('down');
    expect(breaker.state).toBe('open');
    advance(10_000);
    await expect(breaker.execute(succeed)).resolves.toBe('ok');
    expect(breaker.state).toBe('closed');
    expect(changes).toEqual([
      'closed->open',
      'open->half-open',
      'half-open->open',
      'open->half-open',
      'half-open->closed',
    ]);
  });

  it('lets only halfOpenProbes calls through at once while half-open', async () => {
    const { breaker, advance } = setup({ halfOpenProbes: 2 });
    for (let i = 0; i < 3; i += 1) await expect(breaker.execute(fail)).rejects.toThrow();
    advance(10_000);
    let release = (): void => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const probes = [breaker.execute(() => gate), breaker.execute(() => gate)];
    await expect(breaker.execute(succeed)).rejects.toBeInstanceOf(CircuitOpenError);
    release();
    await Promise.all(probes);
    expect(breaker.state).toBe('closed');
  });

  it('errors that isFailure rejects neither count nor close', async () => {
    const { breaker } = setup({ isFailure: (error) => (error as Error).message === 'down' });
    const notFound = async (): Promise<never> => Promise.reject(new Error('404'));
    for (let i = 0; i < 5; i += 1) await expect(breaker.execute(notFound)).rejects.toThrow('404');
    expect(breaker.state).toBe('closed');
  });
});
