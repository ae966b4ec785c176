import type { ProxyEndpoint } from '../../../shared/proxies.js';

interface ProxyHealth {
  failures: number;
  coolUntil: number;
}

/**
 * Proxies with health: a proxy that fails `maxFailures` times in a row is retired for
 * `cooldownMs` (the guide's 3 failures, 5 minutes). Sessions take proxies in turn.
 */
export class ProxyPool {
  readonly #health = new Map<ProxyEndpoint, ProxyHealth>();
  #next = 0;
  /** Times a proxy was retired. */
  retired = 0;

  constructor(
    readonly proxies: readonly ProxyEndpoint[],
    readonly options: { maxFailures?: number; cooldownMs?: number; now?: () => number } = {},
  ) {
    for (const proxy of proxies) this.#health.set(proxy, { failures: 0, coolUntil: 0 });
  }

  /** Whether the run uses proxies at all. */
  get enabled(): boolean {
    return this.proxies.length > 0;
  }

  /** The next healthy proxy in turn, or null when every proxy is cooling down. */
  take(): ProxyEndpoint | null {
    const now = (this.options.now ?? Date.now)();
    for (let tried = 0; tried < this.proxies.length; tried += 1) {
      const proxy = this.proxies[this.#next % this.proxies.length] as ProxyEndpoint;
      this.#next += 1;
      if ((this.#health.get(proxy)?.coolUntil ?? 0) <= now) return proxy;
    }
    return null;
  }

  /** Counts a failure that was the proxy's fault; retires it after too many. */
  markFailure(proxy: ProxyEndpoint, count = 1): void {
    const health = this.#health.get(proxy);
    if (!health) return;
    health.failures += count;
    if (health.failures >= (this.options.maxFailures ?? 3)) {
      health.failures = 0;
      health.coolUntil = (this.options.now ?? Date.now)() + (this.options.cooldownMs ?? 300_000);
      this.retired += 1;
    }
  }

  /** Retires a proxy at once: it is dead, rejects its credentials, or its address is blocked. */
  retire(proxy: ProxyEndpoint): void {
    this.markFailure(proxy, this.options.maxFailures ?? 3);
  }

  /** A page came through: the failure streak ends. */
  markSuccess(proxy: ProxyEndpoint): void {
    const health = this.#health.get(proxy);
    if (health) health.failures = 0;
  }
}
