import { describe, expect, it } from 'vitest';
import { scrub } from '../../shared/http/redact.js';
import { secretForms } from '../../shared/secret-forms.js';
import { maskedSecrets, maskProxyLogin, startSecretMask } from '../../shared/secret-mask.js';

const base64 = (text: string) => Buffer.from(text).toString('base64');

describe('secretForms', () => {
  it('gives a MongoDB URI whole, its user name and its password as written, decoded, re-encoded and in Basic auth', () => {
    const uri = 'mongodb://ops-user:p%40ss%3Aw%2Frd@db1.example:27017,db2.example:27017/phx';
    const forms = secretForms(uri);
    expect(forms).toEqual(
      expect.arrayContaining([
        uri,
        'ops-user:p%40ss%3Aw%2Frd',
        'p%40ss%3Aw%2Frd',
        'p@ss:w/rd',
        'ops-user',
        'ops-user:p@ss:w/rd',
        base64('ops-user:p@ss:w/rd'),
      ]),
    );
    // The host list is part of the one URL, not an entry of its own.
    expect(forms).not.toContain('db2.example:27017/phx');
  });

  it('gives each comma- or line-separated proxy entry, its login, and a WebShare key', () => {
    const forms = secretForms(
      'http://alice-proxy:pw%2Bone@10.0.0.1:8080,socks5://bob-proxy:pw-two@10.0.0.2:1080\nwebshare:ws-key-123',
    );
    expect(forms).toEqual(
      expect.arrayContaining([
        'http://alice-proxy:pw%2Bone@10.0.0.1:8080',
        'socks5://bob-proxy:pw-two@10.0.0.2:1080',
        'pw%2Bone',
        'pw+one',
        'alice-proxy',
        'bob-proxy',
        base64('alice-proxy:pw+one'),
        base64('bob-proxy:pw-two'),
        'webshare:ws-key-123',
        'ws-key-123',
      ]),
    );
  });

  it('keeps the SMTP login visible (it is the sender mailbox) but masks its password', () => {
    const forms = secretForms('smtps://reports%40example.com:S3cr%2Ft@mail.example.com');
    expect(forms).toEqual(expect.arrayContaining(['S3cr%2Ft', 'S3cr/t']));
    expect(forms).not.toContain('reports%40example.com');
    expect(forms).not.toContain('reports@example.com');
  });

  it('gives a token with its base64 and URL-encoded forms, and nothing shorter than 4 characters', () => {
    expect(secretForms('tok/en+1')).toEqual(
      expect.arrayContaining(['tok/en+1', base64('tok/en+1'), 'tok%2Fen%2B1']),
    );
    expect(secretForms('http://u:p@h:1')).not.toContain('p');
    expect(secretForms('  ')).toEqual([]);
  });

  it('lets the shared scrubber remove a decoded password the raw value never showed', () => {
    const uri = 'mongodb://ops-user:p%40ss%3Aw%2Frd@db.example/phx';
    expect(scrub('auth failed for ops-user with p@ss:w/rd', secretForms(uri))).toBe(
      'auth failed for *** with ***',
    );
  });
});

describe('maskProxyLogin', () => {
  it('tells the runner the user name, the password and their Basic auth form at once', () => {
    const told: string[] = [];
    startSecretMask((value) => told.push(value));
    maskProxyLogin('ws-user-1', 'ws/pass:9');
    expect(told).toEqual(
      expect.arrayContaining([
        'ws-user-1',
        'ws/pass:9',
        'ws%2Fpass%3A9',
        base64('ws-user-1:ws/pass:9'),
      ]),
    );
    expect(maskedSecrets()).toEqual(expect.arrayContaining(told));
    // Each form once, however often the login is fetched.
    maskProxyLogin('ws-user-1', 'ws/pass:9');
    expect(told.length).toBe(new Set(told).size);
  });
});

describe('scrub', () => {
  it('removes secret pairs and token shapes but keeps the names of token inputs readable', () => {
    expect(
      scrub(
        "input 'county-api-token': expected a token; password=hunter2 api_key: k3y ghp_abcdefghijklmnopqrstuvwxyz012345",
        [],
      ),
    ).toBe("input 'county-api-token': expected a token; password=*** api_key: *** ***");
  });
});
