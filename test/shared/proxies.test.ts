import { describe, expect, it } from 'vitest';
import { parseProxyUrl, proxyEntries, webShareKey } from '../../shared/proxies.js';

describe('parseProxyUrl', () => {
  it.each([
    [
      'http://user:p%40ss@10.1.2.3:8080',
      {
        server: 'http://10.1.2.3:8080',
        username: 'user',
        password: 'p@ss',
        label: '10.1.2.3:8080',
      },
    ],
    [
      'socks5://10.0.0.2:1080',
      {
        server: 'socks5://10.0.0.2:1080',
        username: undefined,
        password: undefined,
        label: '10.0.0.2:1080',
      },
    ],
    [
      'https://u:p@proxy.example.com',
      { server: 'https://proxy.example.com', label: 'proxy.example.com:443' },
    ],
    [
      'http://u:p@proxy.example.com:80',
      { server: 'http://proxy.example.com', label: 'proxy.example.com:80' },
    ],
  ])('reads %s, keeping the credentials out of server and label', (entry, expected) => {
    expect(parseProxyUrl(entry)).toMatchObject(expected);
  });

  it.each([
    'user:secretpw@host',
    '10.0.0.4',
    'ftp://u:p@10.0.0.3:21',
    'socks5:nohost',
    'http://user:100%@10.0.0.1:8080',
  ])('refuses %s', (entry) => {
    expect(parseProxyUrl(entry)).toBeUndefined();
  });
});

describe('proxy entries', () => {
  it('splits on white space and commas, and tells WebShare keys apart', () => {
    const entries = proxyEntries(' http://a:1\nsocks5://b:2 ,webshare:key-123\n\n');
    expect(entries).toEqual(['http://a:1', 'socks5://b:2', 'webshare:key-123']);
    expect(entries.map(webShareKey)).toEqual([undefined, undefined, 'key-123']);
  });
});
