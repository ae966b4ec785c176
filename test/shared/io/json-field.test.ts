import { describe, expect, it } from 'vitest';
import { nullField } from '../../../shared/io/json-field.js';

const parsed = (line: string) => JSON.parse(nullField(line, 'raw')) as unknown;

describe('nullField', () => {
  it('reads the top-level field as null, whatever its value holds', () => {
    const line = JSON.stringify({
      apn: '123-45-678',
      raw: { nested: [1, { raw: 2 }], text: '}"{ \\', more: 'a,b' },
      after: 2,
    });
    expect(parsed(line)).toEqual({ apn: '123-45-678', raw: null, after: 2 });
  });

  it('takes the field first, last, or with blanks around it', () => {
    expect(parsed('{"raw":{"x":1},"b":2}')).toEqual({ raw: null, b: 2 });
    expect(parsed('{"b":2,"raw":[1,2]}')).toEqual({ b: 2, raw: null });
    expect(parsed('{ "raw" : 12 , "c":2}')).toEqual({ raw: null, c: 2 });
    expect(parsed('{"c":2,"raw":"ends in \\\\"}')).toEqual({ c: 2, raw: null });
  });

  it('leaves nested fields of that name, and string values equal to it, alone', () => {
    expect(parsed('{"situs":{"raw":"1 W MAIN ST"},"name":"raw"}')).toEqual({
      situs: { raw: '1 W MAIN ST' },
      name: 'raw',
    });
  });

  it('returns a line without the field, or cut short, unchanged for JSON.parse to judge', () => {
    expect(nullField('[1,2]', 'raw')).toBe('[1,2]');
    expect(nullField('{"raw":{"a":', 'raw')).toBe('{"raw":{"a":');
    expect(() => parsed('{"raw":{"a":')).toThrow(SyntaxError);
  });
});
