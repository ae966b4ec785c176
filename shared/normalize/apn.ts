import { NonRetryableError } from '../errors.js';

/**
 * Maricopa County APNs: book (3 digits), map (2), parcel (3) and an optional letter suffix.
 * Sources spell them `102-29-045A`, `10229045A`, `102.29.045 A` or `102 29 045a`; the canonical
 * form is `102-29-045A` and the compact form (county search, Treasurer) is `10229045A`.
 */

const COMPACT = /^(\d{3})(\d{2})(\d{3})([A-Z]?)$/;
// Separated groups may have lost leading zeros (`102-2-45`); they are padded back. Separators
// elsewhere (`10-229-045`) mean a typo, not an APN.
const SEPARATED = /^(\d{1,3})[-. ]+(\d{1,2})[-. ]+(\d{1,3})[-. ]*([A-Z]?)$/;

/** The canonical `BBB-MM-PPP[S]` form of an APN, or null when `input` is not an APN. */
export function tryNormalizeApn(input: string): string | null {
  const text = input.trim().toUpperCase();
  const match = COMPACT.exec(text) ?? SEPARATED.exec(text);
  if (!match) return null;
  const [, book = '', map = '', parcel = '', suffix = ''] = match;
  return `${book.padStart(3, '0')}-${map.padStart(2, '0')}-${parcel.padStart(3, '0')}${suffix}`;
}

/** The canonical form of an APN; throws naming the value when it is not one. */
export function normalizeApn(input: string): string {
  const apn = tryNormalizeApn(input);
  if (apn === null) {
    throw new NonRetryableError(
      `invalid APN '${input}': expected book (3 digits), map (2), parcel (3) and an optional letter, e.g. 102-29-045A`,
    );
  }
  return apn;
}

/** The APN without separators (`10229045A`), as the county search and the Treasurer spell it. */
export function compactApn(input: string): string {
  return normalizeApn(input).replace(/-/g, '');
}
