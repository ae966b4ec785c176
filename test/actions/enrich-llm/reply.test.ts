import { describe, expect, it } from 'vitest';
import { checkReply } from '../../../actions/enrich-llm/src/reply.js';
import { extractByRules } from '../../../actions/enrich-llm/src/rules-extractor.js';

const now = new Date('2026-11-28T12:00:00Z');
const fields = extractByRules({ facts: {}, description: '3 bed 2 bath with a pool.' }, now).fields;
const item = (id: string, changes: Record<string, unknown> = {}) => ({
  id,
  fields: { ...fields, ...changes },
  confidence: { bedrooms: 0.8, pool: 0.6 },
});
const check = (reply: unknown, ids = ['p1', 'p2']) =>
  checkReply(typeof reply === 'string' ? reply : JSON.stringify(reply), ids, now);

describe('checkReply', () => {
  it('accepts valid items and averages their confidence', () => {
    const checked = check({ items: [item('p2'), item('p1')] });
    expect([...checked.valid.keys()].sort()).toEqual(['p1', 'p2']);
    expect(checked.valid.get('p1')?.confidence).toBe(0.7);
    expect(checked.problems.size).toBe(0);
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
      { items: [item('p1', { bedrooms: 21 }), item('p2')] },
      { p1: "field 'fields.bedrooms': Too big" },
    ],
    [
      'a year after next year',
      { items: [item('p1'), item('p2', { renovationYear: 2030 })] },
      { p2: 'renovationYear 2030 is above 2027' },
    ],
    [
      'a wrong enum',
      { items: [item('p1', { roof: 'thatch' }), item('p2')] },
      { p1: "field 'fields.roof'" },
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
