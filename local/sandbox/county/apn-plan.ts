import { hash32 } from './random.js';

/**
 * How sandbox APNs are laid out: each ZIP owns two assessor books; residential parcel `i` of a
 * ZIP sits at map 10-99 of its books, and the "noise" rows a ZIP search also returns (commercial
 * parcels, parcels of a neighbouring ZIP) at maps 01-09. The layout makes an APN decodable back to
 * its ZIP and index without keeping 100k parcels in memory.
 */

/** Residential parcels one book holds (maps 10-99, parcels 000-999). */
const PER_BOOK = 90_000;

/** Most residential parcels a sandbox ZIP can hold. */
export const MAX_PARCELS_PER_ZIP = 2 * PER_BOOK;

const KNOWN_BOOKS: Record<string, number> = { '85031': 102, '85033': 104, '85035': 106 };

/** The first of the two books of `zip`. */
export function firstBook(zip: string): number {
  return KNOWN_BOOKS[zip] ?? 200 + 2 * (hash32(zip) % 350);
}

function apnOf(book: number, map: number, parcel: number, suffix: string): string {
  return `${String(book).padStart(3, '0')}-${String(map).padStart(2, '0')}-${String(parcel).padStart(3, '0')}${suffix}`;
}

// A letter suffix marks a split parcel; about one in thirteen, independent of the seed.
const suffixOf = (index: number): string => ((index * 7919) % 13 === 0 ? 'A' : '');

/** Canonical APN of residential parcel `index` of `zip`. */
export function residentialApn(zip: string, index: number): string {
  const book = firstBook(zip) + Math.floor(index / PER_BOOK);
  const within = index % PER_BOOK;
  return apnOf(book, 10 + Math.floor(within / 1000), within % 1000, suffixOf(index));
}

/** Canonical APN of noise row `index` of `zip`'s search. */
export function noiseApn(zip: string, index: number): string {
  return apnOf(firstBook(zip), 1 + (Math.floor(index / 1000) % 9), index % 1000, '');
}

/** What a canonical APN decodes to for `zip`, or null when it is not one of its parcels. */
export function decodeApn(
  zip: string,
  apn: string,
): { kind: 'residential' | 'noise'; index: number } | null {
  const match = /^(\d{3})-(\d{2})-(\d{3})([A-Z]?)$/.exec(apn);
  if (!match) return null;
  const [book, map, parcel] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const offset = book - firstBook(zip);
  if (offset < 0 || offset > 1) return null;
  if (map >= 10) {
    const index = offset * PER_BOOK + (map - 10) * 1000 + parcel;
    return residentialApn(zip, index) === apn ? { kind: 'residential', index } : null;
  }
  if (offset !== 0 || map < 1) return null;
  return { kind: 'noise', index: (map - 1) * 1000 + parcel };
}
