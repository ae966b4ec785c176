import { describe, expect, it } from 'vitest';
import {
  parseBaths,
  parseBedrooms,
  parseDate,
  parseLot,
  parsePrice,
  parseStatus,
  parseYear,
  parseArea,
} from '../../../actions/scrape-mls/src/parse-values.js';

describe('listing value parsers', () => {
  it.each([
    ['$1.5M', 1_500_000],
    ['$850K', 850_000],
    ['$389,900', 389_900],
    ['Asking $389,900', 389_900],
    ['$ 1,250,000', 1_250_000],
    ['Price upon request', null],
    [undefined, null],
  ])('price %j -> %j', (text, expected) => expect(parsePrice(text)).toBe(expected));

  it.each([
    ['studio', 0],
    ['Studio', 0],
    ['3BR', 3],
    ['4 BR', 4],
    ['2', 2],
    ['', null],
  ])('bedrooms %j -> %j', (text, expected) => expect(parseBedrooms(text)).toBe(expected));

  it.each([
    ['2 full, 1 half', undefined, { total: 2.5, full: 2, half: 1 }],
    ['3 full', undefined, { total: 3, full: 3, half: 0 }],
    ['2', '1', { total: 2.5, full: 2, half: 1 }],
    ['3 BA', '0', { total: 3, full: 3, half: 0 }],
    ['2.5', undefined, { total: 2.5, full: null, half: null }],
    ['3 BA', undefined, { total: 3, full: null, half: null }],
    ['—', undefined, { total: null, full: null, half: null }],
  ])('baths %j (half %j)', (text, half, expected) =>
    expect(parseBaths(text, half)).toEqual(expected),
  );

  it.each([
    ['1,450 sq ft', 1450],
    ['1450 SF', 1450],
    ['1,450', 1450],
    ['n/a', null],
  ])('living area %j -> %j', (text, expected) => expect(parseArea(text)).toBe(expected));

  it.each([
    ['0.17 acres', 7405],
    ['1 ac', 43_560],
    ['7,400 sq ft', 7400],
    ['7400 SF', 7400],
    ['', null],
  ])('lot %j -> %j', (text, expected) => expect(parseLot(text)).toBe(expected));

  it.each([
    ['1978', 1978],
    ['Built in 2004', 2004],
    ['78', null],
  ])('year %j -> %j', (text, expected) => expect(parseYear(text)).toBe(expected));

  it.each([
    ['Active', 'Active'],
    ['ACTIVE', 'Active'],
    ['UCB', 'UCB'],
    ['Under Contract - Taking Backups', 'UCB'],
    ['Contingent - Taking Backups', 'CCBS'],
    ['Pending', 'Pending'],
    ['Coming Soon', 'Coming Soon'],
    ['Temp Off Market', 'Temp Off Market'],
    ['Sold', 'Closed'],
    ['Withdrawn', 'Withdrawn'],
    ['Open house Sunday', null],
    [undefined, null],
  ])('status %j -> %j', (text, expected) => expect(parseStatus(text)).toBe(expected));

  it.each([
    ['2026-11-02', '2026-11-02'],
    ['11/02/2026', '2026-11-02'],
    ['Listed Nov 2, 2026', '2026-11-02'],
    ['02/30/2026', null],
    ['yesterday', null],
  ])('date %j -> %j', (text, expected) => expect(parseDate(text)).toBe(expected));
});
