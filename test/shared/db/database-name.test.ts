import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { databaseInput } from '../../../shared/db/database-input.js';
import {
  resolveDatabase,
  uriDatabase,
  type ResolvedDatabase,
} from '../../../shared/db/database-name.js';
import { ConfigurationError } from '../../../shared/errors.js';
import { mongodbUriInput, parseInputs } from '../../../shared/inputs.js';

const ATLAS = 'mongodb+srv://etl:pw@cluster0.ab1cd.mongodb.net';

describe('resolveDatabase', () => {
  it.each<[string, string, string, ResolvedDatabase]>([
    ['Atlas SRV URI without a path', ATLAS, '', { name: 'phx_property', source: 'default' }],
    [
      'Atlas URI with /?options',
      `${ATLAS}/?retryWrites=true&w=majority`,
      '',
      { name: 'phx_property', source: 'default' },
    ],
    [
      'Atlas URI with /mydb?options',
      `${ATLAS}/mydb?retryWrites=true`,
      '',
      { name: 'mydb', source: 'uri' },
    ],
    [
      'a path and a fragment',
      'mongodb://127.0.0.1:27017/mydb#x',
      '',
      { name: 'mydb', source: 'uri' },
    ],
    [
      'several hosts, no path',
      'mongodb://a.example:27017,b.example:27018,c.example?replicaSet=rs0',
      '',
      { name: 'phx_property', source: 'default' },
    ],
    [
      'several hosts with a database',
      'mongodb://u:p@a.example:27017,b.example:27018/prod?replicaSet=rs0',
      '',
      { name: 'prod', source: 'uri' },
    ],
    [
      'a URL-encoded name',
      'mongodb://127.0.0.1/caf%C3%A9_db',
      '',
      { name: 'café_db', source: 'uri' },
    ],
    [
      'a password holding : / and an encoded @',
      'mongodb://u:p%40ss:w/rd@127.0.0.1:27017/?tls=false',
      '',
      { name: 'phx_property', source: 'default' },
    ],
    ['a bare host', 'mongodb://127.0.0.1:27017', '', { name: 'phx_property', source: 'default' }],
    [
      'the explicit input over the URI',
      `${ATLAS}/mydb?retryWrites=true`,
      'reports',
      { name: 'reports', source: 'input' },
    ],
    [
      'the explicit input over the default',
      ATLAS,
      'phx_staging',
      { name: 'phx_staging', source: 'input' },
    ],
  ])('%s', (_case, uri, database, expected) => {
    expect(resolveDatabase(uri, database)).toEqual(expected);
  });

  it.each([
    ['a dot', 'my.db', "input 'database'", "'.'"],
    ['a slash', 'a/b', "input 'database'", "'/'"],
    ['a dollar sign', 'cost$', "input 'database'", "'$'"],
    ['a space', 'my db', "input 'database'", "' '"],
    ['a double quote', 'my"db', "input 'database'", `'"'`],
    ['a backslash', 'a\\b', "input 'database'", "'\\'"],
    ['a NUL', 'a\0b', "input 'database'", 'NUL'],
    ['64 bytes', 'd'.repeat(64), "input 'database'", 'under 64 bytes, got 64 bytes'],
  ])('rejects a name with %s, naming the input', (_case, name, input, detail) => {
    const attempt = () => resolveDatabase(ATLAS, name);
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(input);
    expect(attempt).toThrow(detail);
  });

  it('names mongodb-uri when the bad name comes from the connection string', () => {
    expect(() => resolveDatabase(`${ATLAS}/my%20db?x=1`)).toThrow(
      "input 'mongodb-uri' (the database it names): expected a MongoDB database name",
    );
    expect(() => uriDatabase('mongodb://h/%E0%A4%A')).toThrow("input 'mongodb-uri'");
  });

  it('accepts 63 bytes, multi-byte characters counted as bytes', () => {
    expect(resolveDatabase(ATLAS, 'd'.repeat(63)).name).toHaveLength(63);
    expect(() => resolveDatabase(ATLAS, 'é'.repeat(32))).toThrow('got 64 bytes');
  });
});

describe('the database input fragment', () => {
  const schema = z.object({ mongodbUri: mongodbUriInput, database: databaseInput });

  it('leaves an unset input empty for the resolution', () => {
    const parsed = parseInputs(schema, (name) => (name === 'mongodb-uri' ? ATLAS : ' '));
    expect(parsed.database).toBe('');
  });

  it('is one clear error naming the input', () => {
    const read = (name: string) => (name === 'database' ? 'phx.property' : ATLAS);
    expect(() => parseInputs(schema, read)).toThrow(
      /^Invalid input: input 'database': expected a MongoDB database name .*'phx\.property' \(has '\.'\)$/,
    );
  });
});
