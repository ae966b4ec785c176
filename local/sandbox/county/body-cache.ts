/**
 * The JSON bodies served most recently, by request path and query, as the bytes sent. Bodies are
 * deterministic per seed, so a repeated request is answered without generating the parcel again:
 * a benchmark then measures the client, not the sandbox. Least recently used entries go first.
 */
export class BodyCache {
  readonly #bodies = new Map<string, Buffer>();

  /** Keeps at most `capacity` bodies (0 keeps none). */
  constructor(readonly capacity: number) {}

  /**
   * The body for `key`, from `make` when absent (kept unless `make` says it may change later, as
   * an unknown APN's `[]` does once its ZIP is served); null when `make` has none.
   */
  get(key: string, make: () => { text: string; keep: boolean } | null): Buffer | null {
    const cached = this.#bodies.get(key);
    if (cached !== undefined) {
      this.#bodies.delete(key);
      this.#bodies.set(key, cached);
      return cached;
    }
    const made = make();
    if (made === null) return null;
    const body = Buffer.from(made.text);
    if (this.capacity <= 0 || !made.keep) return body;
    if (this.#bodies.size >= this.capacity) {
      const oldest = this.#bodies.keys().next();
      if (!oldest.done) this.#bodies.delete(oldest.value);
    }
    this.#bodies.set(key, body);
    return body;
  }
}
