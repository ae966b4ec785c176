import { describe, expect, it } from 'vitest';
import type { PropertyDocument } from '../../../shared/db/collections.js';
import { detectConflicts } from '../../../actions/store-mongo/src/conflicts.js';
import { mergeProperty } from '../../../actions/store-mongo/src/merge.js';
import { apnOf, listing, parcel } from './fixtures.js';

const now = '2026-11-28T10:00:00.000Z';
const sourced = <T>(record: T, observedAt: string, runId = '1') => ({ record, observedAt, runId });

function stored(key = apnOf(1)): PropertyDocument {
  const input = {
    key,
    parcel: sourced(parcel(1), '2026-11-20T10:00:00.000Z'),
    listing: sourced(listing(1, { listPrice: 400_000 }), '2026-11-20T11:00:00.000Z'),
  };
  return mergeProperty(input, null, null, '2026-11-20T12:00:00.000Z', '1').document;
}

describe('mergeProperty', () => {
  it('records no history for a source seen for the first time', () => {
    const result = mergeProperty(
      { key: apnOf(1), parcel: sourced(parcel(1), now, '2') },
      null,
      null,
      now,
      '2',
    );
    expect(result.history).toEqual([]);
    expect(result.changed).toContain('county');
    expect(result.document.sources.county).toEqual({
      firstSeen: now,
      lastSeen: now,
      lastRunId: '2',
    });
  });

  it('ignores an observation older than the stored one', () => {
    const existing = stored();
    const old = sourced(listing(1, { listPrice: 1 }), '2026-11-01T00:00:00.000Z', '0');
    const result = mergeProperty({ key: apnOf(1), listing: old }, existing, null, now, '3');
    expect(result.document.listing?.listPrice).toBe(400_000);
    expect(result.history).toEqual([]);
    expect(result.document.sources.mls?.firstSeen).toBe('2026-11-01T00:00:00.000Z');
  });

  it('records price, status, owner and valuation changes with the same id on a rerun', () => {
    const existing = stored();
    const county = parcel(1, { owner: { ...parcel(1).owner!, name: 'NEW OWNER LLC' } });
    const input = {
      key: apnOf(1),
      parcel: sourced(county, '2026-11-27T10:00:00.000Z', '5'),
      listing: sourced(
        listing(1, { listPrice: 379_000, status: 'Pending' }),
        '2026-11-27T11:00:00.000Z',
        '5',
      ),
    };
    const first = mergeProperty(input, existing, null, now, '5');
    expect(first.history.map(({ field, from, to }) => ({ field, from, to }))).toEqual([
      { field: 'price', from: 400_000, to: 379_000 },
      { field: 'status', from: 'Active', to: 'Pending' },
      { field: 'owner', from: parcel(1).owner?.name ?? null, to: 'NEW OWNER LLC' },
    ]);
    const again = mergeProperty(input, existing, null, '2026-11-28T11:00:00.000Z', '6');
    expect(again.history.map((row) => row._id)).toEqual(first.history.map((row) => row._id));
  });
});

describe('detectConflicts', () => {
  const county = stored().county;
  it.each([
    ['living area 10 % apart is no conflict', { livingAreaSqft: 1500 }, []],
    ['living area 26 % apart', { livingAreaSqft: 1720 }, ['livingAreaSqft']],
    [
      'year built two years apart',
      { yearBuilt: (county?.originalConstructionYear ?? county?.constructionYear ?? 1970) + 2 },
      ['yearBuilt'],
    ],
  ] as const)('%s', (_name, changes, fields) => {
    const facts = { ...stored().listing!, ...changes };
    const found = detectConflicts({ ...county!, livingAreaSqft: 1364 }, facts, [], now);
    expect(found.map((conflict) => conflict.field)).toEqual(fields);
  });
});
