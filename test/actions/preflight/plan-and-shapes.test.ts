import { describe, expect, it } from 'vitest';
import { preflightInputs } from '../../../actions/preflight/src/inputs.js';
import { planRun } from '../../../actions/preflight/src/plan.js';
import { secretParts } from '../../../actions/preflight/src/secrets.js';
import {
  captchaKeyShape,
  countyTokenShape,
  mongoUriShape,
  proxiesShape,
  reportToProblems,
} from '../../../actions/preflight/src/shapes.js';
import { parseInputs } from '../../../shared/inputs.js';

const inputs = (values: Record<string, string>) =>
  parseInputs(preflightInputs, (name) => values[name] ?? '');

describe('planRun', () => {
  it.each([
    [
      '85033, 85031\n85033 85035',
      'county,mls',
      'incremental',
      '0',
      ['85031', '85033', '85035'],
      true,
      true,
      'incremental',
      0,
    ],
    ['85031', 'mls', 'test', '200', ['85031'], false, true, 'full', 5],
    ['85031,85031', 'county', 'full', '50', ['85031'], true, false, 'full', 50],
  ])(
    'plans %j %s %s %s',
    (zips, sources, mode, max, expectedZips, county, mls, expectedMode, expectedMax) => {
      const outcome = planRun(inputs({ 'zip-codes': zips, sources, mode, 'max-parcels': max }));
      expect(outcome.problems).toEqual([]);
      expect(outcome.plan).toEqual({
        zips: expectedZips,
        county,
        mls,
        mode: expectedMode,
        maxParcels: expectedMax,
      });
    },
  );

  it('names every bad planning value at once', () => {
    const outcome = planRun(
      inputs({
        'zip-codes': '85031 8503 90210',
        sources: 'county,zillow',
        mode: 'nightly',
        'max-parcels': '-3',
      }),
    );
    expect(outcome.plan).toBeUndefined();
    expect(outcome.problems).toEqual([
      "input 'zip-codes': '8503' is not a 5-digit Maricopa County ZIP (85xxx)",
      "input 'zip-codes': '90210' is not a 5-digit Maricopa County ZIP (85xxx)",
      "input 'sources': 'zillow' is not a source; expected county, mls or both",
      "input 'mode': expected incremental, full or test, got 'nightly'",
      "input 'max-parcels': expected a whole number, got '-3'",
    ]);
  });

  it('asks for a ZIP when none is given', () => {
    expect(planRun(inputs({})).problems).toEqual([
      "input 'zip-codes': expected at least one ZIP code",
    ]);
  });
});

describe('inputs', () => {
  it('requires MongoDB and the county token by default, and takes none', () => {
    expect(inputs({}).required).toEqual(['mongodb-uri', 'county-api-token']);
    expect(inputs({ required: 'none' }).required).toEqual([]);
    expect(inputs({ required: 'smtp-url, proxies' }).required).toEqual(['smtp-url', 'proxies']);
  });

  it('refuses an unknown name in required', () => {
    expect(() => inputs({ required: 'mongodb-uri,github-token' })).toThrow(
      "input 'required': 'github-token' is not a secret input",
    );
  });
});

describe('secret shapes', () => {
  it.each([
    ['mongodb://127.0.0.1:27017/phx', undefined],
    ['mongodb+srv://user:pa%40ss@cluster0.example.net/phx?retryWrites=true', undefined],
    ['mongodb://a:1,b:2/db', undefined],
    [
      'postgres://db.example.net/phx',
      'expected a connection string starting with mongodb:// or mongodb+srv://',
    ],
    ['mongodb:///phx', 'expected at least one host'],
    ['mongodb://user:p@ss@host/db', 'must be percent-encoded'],
    ['mongodb://us:er:p@host/db', 'must be percent-encoded'],
    ['mongodb+srv://cluster0.example.net:27017/db', 'names one host and no port'],
  ])('MongoDB %s', (uri, problem) => {
    const found = mongoUriShape(uri);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(problem);
  });

  it.each([
    ['3f9a1c0e2b7d48e6a5c9f0b1d2e3a4b5', undefined],
    ['Bearer 3f9a1c0e2b7d48e6a5c9f0b1d2e3a4b5', "without a 'Bearer ' prefix"],
    ['"3f9a1c0e2b7d48e6a5c9f0b1d2e3a4b5"', 'without quotes'],
    ['3f9a1c0e2b7d 48e6a5c9f0b1d2e3a4b5', 'one word of printable characters'],
    ['short', '8 to 256 characters'],
    ['x'.repeat(257), '8 to 256 characters'],
  ])('county token %s', (token, problem) => {
    const found = countyTokenShape(token);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(problem);
  });

  it('checks 2captcha keys are 32 hex characters', () => {
    expect(captchaKeyShape('0123456789abcdef0123456789ABCDEF')).toBeUndefined();
    expect(captchaKeyShape('0123456789abcdef')).toBe(
      'expected a 2captcha API key of 32 hexadecimal characters',
    );
  });

  it('names bad proxy entries by position, never by value', () => {
    expect(
      proxiesShape('http://u:p@10.0.0.1:8080\nsocks5://10.0.0.2:1080, webshare:abcdefgh12'),
    ).toBeUndefined();
    const problem = proxiesShape(
      'http://u:hunter22@10.0.0.1:8080\nftp://u:hunter22@10.0.0.3:21\n10.0.0.4',
    );
    expect(problem).toBe(
      'entries 2, 3 of 3: expected http://user:pass@host:port (or https://, socks5://), or webshare:<API key>',
    );
  });

  it('names a bad report address', () => {
    expect(reportToProblems('ops@example.com, owner@example.org')).toEqual([]);
    expect(reportToProblems('ops@example.com nobody')).toEqual([
      "'nobody' is not an email address such as ops@example.com",
    ]);
  });
});

describe('secretParts', () => {
  it('lists the value, its user, password and hosts, decoded too', () => {
    const parts = secretParts(
      'mongodb://app:s%40cret-pw@db1.example.net:27017,db2.example.net:27017/phx',
    );
    expect(parts).toEqual(
      expect.arrayContaining([
        'app',
        's%40cret-pw',
        's@cret-pw',
        'db1.example.net:27017',
        'db2.example.net:27017',
      ]),
    );
    expect(parts[0]).toBe(
      'mongodb://app:s%40cret-pw@db1.example.net:27017,db2.example.net:27017/phx',
    );
  });
});
