import { describe, expect, it } from 'vitest';
import { addMaskValues, unescapeCommandProperty } from '../../../local/runner/mask-command.js';

describe('::add-mask:: as GitHub reads it', () => {
  it('un-escapes the data as @actions/core escapes it: %25, %0D, %0A', () => {
    // core.setSecret('p%40ss\r\nline2') writes this line.
    expect(addMaskValues('::add-mask::p%2540ss%0D%0Aline2')).toEqual([
      'p%40ss\r\nline2',
      'p%40ss',
      'line2',
    ]);
    expect(addMaskValues('  ::add-mask::100%25 sure')).toEqual(['100% sure']);
  });

  it('un-escapes property values with %3A and %2C too', () => {
    expect(unescapeCommandProperty('a%3Ab%2Cc%25d')).toBe('a:b,c%d');
  });

  it('ignores other commands and text, and masks nothing for empty data', () => {
    expect(addMaskValues('::warning::p%25ss')).toBeUndefined();
    expect(addMaskValues('echo ::add-mask::x')).toBeUndefined();
    expect(addMaskValues('::add-mask::')).toEqual([]);
  });
});
