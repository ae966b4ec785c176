import { describe, expect, it } from 'vitest';
import { fieldsToAsk, knownFields } from '../../../actions/enrich-llm/src/known-fields.js';
import { checkReply } from '../../../actions/enrich-llm/src/reply.js';
import { replyFormat } from '../../../actions/enrich-llm/src/reply-schema.js';

const now = new Date('2026-11-28T12:00:00Z');
/** A listing with beds, baths and area, and a parcel with pool, garage, roof and cooling. */
const facts = knownFields({
  facts: {
    listingPropertyType: 'Single Family - Detached',
    bedrooms: 3,
    bathrooms: 2,
    livingAreaSqft: 1450,
    countyPool: true,
    countyGarageSpaces: 2,
    countyRoof: 'Ct - Concrete Tile',
    countyCooling: 'RF - REFRIGERATION',
  },
  description: '',
});
/** Only the text tells these. */
const bare = knownFields({ facts: {}, description: '' });
const known = new Map([
  ['p1', facts],
  ['p2', bare],
]);
const asked = fieldsToAsk([...known.values()]);
const item = (id: string, changes: Record<string, unknown> = {}) => ({
  id,
  type: 'single-family',
  beds: 4,
  baths: 2.5,
  sqft: 1500,
  cond: 'good',
  reno: true,
  renoYear: 2019,
  stories: 1,
  pool: false,
  garage: 1,
  hoa: true,
  hoaFee: 85,
  roof: 'shingle',
  cooling: 'evaporative',
  solar: null,
  solarLeased: null,
  views: [],
  lot: ['corner-lot'],
  features: ['rv gate'],
  flags: ['priceReduced'],
  summary: 'A one-storey home.',
  c: 0.8,
  ...changes,
});
const check = (reply: unknown, ids = known) =>
  checkReply(typeof reply === 'string' ? reply : JSON.stringify(reply), ids, asked, now);

describe('the lean reply', () => {
  it('asks only for what the listing and parcel facts do not give', () => {
    expect(Object.keys(facts).sort()).toEqual([
      'bathrooms',
      'bedrooms',
      'cooling',
      'garageSpaces',
      'livingAreaSqft',
      'pool',
      'propertySubtype',
      'roof',
    ]);
    const onlyText = fieldsToAsk([facts]);
    expect(onlyText).not.toContain('bedrooms');
    expect(onlyText).toContain('hoaMonthlyFee');
    const format = replyFormat(onlyText) as {
      properties: { items: { items: { properties: Record<string, unknown> } } };
    };
    expect(Object.keys(format.properties.items.items.properties)).toEqual([
      'id',
      'cond',
      'reno',
      'renoYear',
      'stories',
      'hoa',
      'hoaFee',
      'solar',
      'solarLeased',
      'views',
      'lot',
      'features',
      'flags',
      'summary',
      'c',
    ]);
  });

  it('merges the facts (confidence 0.9) with what the model filled (its confidence c)', () => {
    const checked = check({ items: [item('p2'), item('p1')] });
    expect(checked.problems.size).toBe(0);
    const withFacts = checked.valid.get('p1');
    // The facts win over what the model said about them.
    expect(withFacts?.fields).toMatchObject({
      bedrooms: 3,
      pool: true,
      roof: 'tile',
      cooling: 'central-ac',
      hoaMonthlyFee: 85,
      lotFeatures: ['corner-lot'],
      signals: { priceReduced: true, cashOnly: false },
    });
    expect(withFacts?.fieldConfidence).toMatchObject({ bedrooms: 0.9, hoaMonthlyFee: 0.8 });
    expect(withFacts?.fieldConfidence).not.toHaveProperty('solar');
    expect(checked.valid.get('p2')?.fields).toMatchObject({ bedrooms: 4, pool: false });
  });

  it.each<[string, unknown, Record<string, string>]>([
    [
      'not JSON',
      '{"items": [',
      { p1: 'the reply is not valid JSON', p2: 'the reply is not valid JSON' },
    ],
    [
      'no items',
      { properties: [] },
      { p1: 'the reply has no "items" array', p2: 'the reply has no "items" array' },
    ],
    ['a missing id', { items: [item('p1')] }, { p2: 'no item with id p2' }],
    [
      'a duplicated id',
      { items: [item('p1'), item('p2'), item('p1')] },
      { p1: 'id p1 appears 2 times' },
    ],
    [
      'an out-of-range value',
      { items: [item('p1'), item('p2', { beds: 21 })] },
      { p2: "field 'beds': Too big" },
    ],
    [
      'a year after next year',
      { items: [item('p1'), item('p2', { renoYear: 2030 })] },
      { p2: 'renovationYear 2030 is above 2027' },
    ],
    [
      'a wrong enum',
      { items: [item('p1', { cond: 'thatch' }), item('p2')] },
      { p1: "field 'cond'" },
    ],
    [
      'a signal that does not exist',
      { items: [item('p1', { flags: ['haunted'] }), item('p2')] },
      { p1: "field 'flags" },
    ],
  ])('names the problem of %s for that id only', (_name, reply, problems) => {
    const checked = check(reply);
    expect(Object.fromEntries(checked.problems)).toEqual(
      Object.fromEntries(
        Object.entries(problems).map(([id, text]) => [id, expect.stringContaining(text)]),
      ),
    );
    expect(checked.valid.size + checked.problems.size).toBe(2);
  });

  it('ignores ids never asked for, and strips keys the schema does not know', () => {
    const checked = check({
      items: [item('p1', { $where: 'sleep(1000)' }), item('p2'), item('zz')],
    });
    expect(checked.extraIds).toEqual(['zz']);
    expect(checked.valid.get('p1')?.fields).not.toHaveProperty('$where');
  });
});
