import { describe, expect, it } from 'vitest';
import { NonRetryableError } from '../../../shared/errors.js';
import { compactApn, normalizeApn, tryNormalizeApn } from '../../../shared/normalize/apn.js';

describe('normalizeApn', () => {
  it.each([
    ['102-29-045A', '102-29-045A'],
    ['10229045A', '102-29-045A'],
    ['102.29.045 A', '102-29-045A'],
    ['102 29 045a', '102-29-045A'],
    ['  102-29-045a  ', '102-29-045A'],
    ['102-29-045-A', '102-29-045A'],
    ['102-29-045', '102-29-045'],
    ['10229045', '102-29-045'],
    ['501-79-632', '501-79-632'],
    ['13304014A', '133-04-014A'],
    ['11505034C', '115-05-034C'],
    ['173.35.524', '173-35-524'],
    ['102-2-45', '102-02-045'],
    ['102.2.45b', '102-02-045B'],
  ])('%j -> %s', (input, canonical) => {
    expect(normalizeApn(input)).toBe(canonical);
    expect(tryNormalizeApn(input)).toBe(canonical);
  });

  it.each([
    [''],
    ['NA'],
    ['1022904'],
    ['1022904512'],
    ['10229045AB'],
    ['102-29-045-AB'],
    ['10-229-045'],
    ['102/29/045'],
    ['APN 102-29-045'],
  ])('rejects %j', (input) => {
    expect(tryNormalizeApn(input)).toBeNull();
    expect(() => normalizeApn(input)).toThrow(NonRetryableError);
    expect(() => normalizeApn(input)).toThrow(`invalid APN '${input}': expected book (3 digits)`);
  });
});

describe('compactApn', () => {
  it.each([
    ['102-29-045A', '10229045A'],
    ['102.29.045 a', '10229045A'],
    ['501-79-632', '50179632'],
  ])('%j -> %s', (input, compact) => {
    expect(compactApn(input)).toBe(compact);
  });

  it('names a bad value', () => {
    expect(() => compactApn('12-34')).toThrow("invalid APN '12-34'");
  });
});
