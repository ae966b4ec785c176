/** Number formats shared by the HTML, text and Markdown renderings. */

/** `2,431`; `n/a` for null. */
export const count = (value: number | null | undefined): string =>
  value === null || value === undefined ? 'n/a' : Math.round(value).toLocaleString('en-US');

/** `$4.20` (or more digits for small amounts); `n/a` for null. */
export const money = (value: number | null | undefined, digits = 2): string =>
  value === null || value === undefined
    ? 'n/a'
    : `$${value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;

/** `42.5 %` from a share of 1; `n/a` for null. */
export const share = (value: number | null | undefined): string =>
  value === null || value === undefined ? 'n/a' : `${(value * 100).toFixed(1)} %`;

/** `12.3 min` from milliseconds. */
export const duration = (ms: number): string => `${(ms / 60_000).toFixed(1)} min`;

/** `-4.2 %` with its sign. */
export const signedPercent = (value: number | null): string =>
  value === null ? 'n/a' : `${value >= 0 ? '+' : ''}${value.toFixed(1)} %`;
