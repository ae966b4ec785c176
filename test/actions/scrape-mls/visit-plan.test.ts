import { describe, expect, it } from 'vitest';
import type { ResultRow } from '../../../actions/scrape-mls/src/result-rows.js';
import {
  planVisits,
  visitReason,
  type FrontierEntry,
} from '../../../actions/scrape-mls/src/visit-plan.js';

const row = (url: string, order: number, price: number | null = 300_000): ResultRow => ({
  url,
  order,
  price,
  status: 'Active',
});
const visited = (at: string, price: number | null = 300_000): FrontierEntry => ({
  lastVisitedAt: at,
  priceAtVisit: price,
  statusAtVisit: 'Active',
});

describe('visit reason', () => {
  it.each([
    ['unknown to the frontier', undefined, row('a', 0), 'new'],
    [
      'seen but never visited',
      { lastVisitedAt: null, priceAtVisit: null, statusAtVisit: null },
      row('a', 0),
      'new',
    ],
    ['price cut since the visit', visited('2026-11-01'), row('a', 0, 290_000), 'changed'],
    ['status changed', visited('2026-11-01'), { ...row('a', 0), status: 'Pending' }, 'changed'],
    ['same price and status', visited('2026-11-01'), row('a', 0), 'revisit'],
    ['row shows no price', visited('2026-11-01'), row('a', 0, null), 'revisit'],
    ['visit saw no price', visited('2026-11-01', null), row('a', 0), 'revisit'],
  ] as const)('%s', (_name, entry, result, reason) => {
    expect(visitReason(result, entry)).toBe(reason);
  });
});

describe('visit plan', () => {
  it('orders new, then changed, then the least recently visited; search order among equals', () => {
    const rows = ['s1', 'c1', 'n1', 's2', 'c2', 'n2'].map((url, order) => row(url, order));
    const frontier = new Map<string, FrontierEntry>([
      ['s1', visited('2026-11-03')],
      ['s2', visited('2026-11-02')],
      ['c1', visited('2026-11-01', 310_000)],
      ['c2', visited('2026-11-05', 310_000)],
    ]);
    expect(planVisits(rows, frontier)).toEqual([
      { url: 'n1', reason: 'new' },
      { url: 'n2', reason: 'new' },
      { url: 'c1', reason: 'changed' },
      { url: 'c2', reason: 'changed' },
      { url: 's2', reason: 'revisit' },
      { url: 's1', reason: 'revisit' },
    ]);
  });
});
