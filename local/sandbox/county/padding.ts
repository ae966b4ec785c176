/**
 * Where a ZIP search's noise rows (commercial parcels, parcels of another ZIP) fall among the ZIP's
 * residential rows. With `noise` of every `rows` rows being noise, row `p` is noise exactly when the
 * count of noise rows before it, `floor(p * noise / rows)`, steps up at `p + 1`: noise spreads
 * evenly, and every position maps to its row (and back) by arithmetic, with nothing held in memory.
 * A share of 1/20 puts one noise row after every 19 residential ones.
 */
export class SearchPadding {
  /** Noise rows per `#rows` rows (a reduced fraction, so the arithmetic stays exact). */
  readonly #noise: number;
  readonly #rows: number;

  /** `share`: the part of all rows that is noise, from 0 to 0.9, to the nearest 0.001. */
  constructor(readonly share: number) {
    if (!Number.isFinite(share) || share < 0 || share > 0.9) {
      throw new Error(
        `noiseShare ${share}: expected the share of search rows that are noise, from 0 to 0.9`,
      );
    }
    const noise = Math.round(share * 1000);
    const divisor = gcd(noise, 1000);
    this.#noise = noise / divisor;
    this.#rows = 1000 / divisor;
  }

  /** Noise rows among the first `position` rows (so the index of a noise row at `position`). */
  noiseBefore(position: number): number {
    return Math.floor((position * this.#noise) / this.#rows);
  }

  /** Whether the row at `position` is noise. */
  isNoise(position: number): boolean {
    return this.noiseBefore(position + 1) > this.noiseBefore(position);
  }

  /** Position of residential row `index`; also the rows before it, so `positionOf(count)` is `TOTAL`. */
  positionOf(index: number): number {
    // The smallest T with T - noiseBefore(T) > index is floor(index * rows / (rows - noise)) + 1.
    return Math.floor((index * this.#rows) / (this.#rows - this.#noise));
  }
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
