import { describe, expect, it } from 'vitest';
import {
  extractByRules,
  MAX_RULES_TEXT_CHARS,
} from '../../../actions/enrich-llm/src/rules-extractor.js';
import {
  CONDITION_WORDS,
  COOLING,
  FEATURE_WORDS,
  LOT_WORDS,
  ROOFS,
  SIGNAL_WORDS,
  SUBTYPES,
  VIEW_WORDS,
} from '../../../actions/enrich-llm/src/rules-patterns.js';
import {
  bathrooms,
  condition,
  count,
  garageSpaces,
  hoa,
  pool,
  renovation,
  solar,
  stories,
} from '../../../actions/enrich-llm/src/rules-readers.js';
import { describeSlow, slowParses, type ParserUnderTest } from '../../support/linear-time.js';

const NORMAL =
  'Charming 3BR/2BA single level home with diving pool and 2-car garage on a corner lot. ' +
  'HOA $85/mo. Updated in 2019! Owned solar, tile roof, new AC, mountain views, RV gate. ' +
  'Community pool and park across the street. Move-in ready.';

const now = new Date('2026-11-28T12:00:00Z');
const tables = { SUBTYPES, CONDITION_WORDS, ROOFS, COOLING, VIEW_WORDS, LOT_WORDS, FEATURE_WORDS };

const PARSERS: ParserUnderTest[] = [
  ...Object.entries({
    'count (bedrooms)': (text: string) => count(text, 'bed'),
    'count (square feet)': (text: string) => count(text, 'sqft'),
    bathrooms,
    garageSpaces,
    pool,
    hoa,
    renovation: (text: string) => renovation(text, 2027),
    stories,
    condition,
    solar,
    ...Object.fromEntries(
      Object.entries(tables).map(([name, table]) => [
        name,
        (text: string) => table.filter(([pattern]) => pattern.test(text)),
      ]),
    ),
    SIGNAL_WORDS: (text: string) =>
      Object.values(SIGNAL_WORDS).map((pattern) => pattern.test(text)),
    extractByRules: (text: string) => extractByRules({ facts: {}, description: text }, now),
  }).map(([name, parse]) => ({ name, parse, normal: NORMAL })),
];

describe('rules extractor on hostile descriptions', { timeout: 120_000 }, () => {
  it('reads long adversarial text in time linear in its length, each reader and table alone', () => {
    expect(describeSlow(slowParses(PARSERS))).toEqual([]);
  });

  it('still reads what the description says', () => {
    expect(pool('Heated community pool only')).toBeNull();
    expect(pool('Community pool, and a private heated pool')).toBe(true);
    expect(pool('HOA   pool; no private one')).toBeNull();
    expect(pool('a-a-a-a pool')).toBe(true);
    expect(hoa('HOA $255 per quarter')).toEqual({ hoa: true, monthlyFee: 85 });
    expect(hoa('$1,200 / yr HOA')).toEqual({ hoa: true, monthlyFee: 100 });
    expect(hoa('HOA $85   monthly')).toEqual({ hoa: true, monthlyFee: 85 });
  });

  it(`reads only the first ${MAX_RULES_TEXT_CHARS} characters of a description`, () => {
    const padded = `${'x'.repeat(MAX_RULES_TEXT_CHARS)} 4 bedrooms, diving pool`;
    expect(extractByRules({ facts: {}, description: padded }, now).fields).toMatchObject({
      bedrooms: null,
      pool: null,
    });
    expect(
      extractByRules({ facts: {}, description: '4 bedrooms, diving pool' }, now).fields,
    ).toMatchObject({ bedrooms: 4, pool: true });
  });
});
