import { describe, expect, it } from 'vitest';
import {
  admitUrl,
  isPrivateAddress,
  MAX_URL_CHARS,
  siteScope,
} from '../../../actions/scrape-mls/src/admit-url.js';

const page = 'http://127.0.0.1:8080/search?zip=85031';
const sandbox = siteScope('http://127.0.0.1:8080');
const reason = (href: string, scope = sandbox) => {
  const admission = admitUrl(href, page, scope);
  return admission.ok ? admission.url : admission.reason;
};

describe('admitting links found on listing pages', () => {
  it('admits same-site http(s) links, relative ones resolved against the page, fragments dropped', () => {
    expect(reason('/listing/6310000231')).toBe('http://127.0.0.1:8080/listing/6310000231');
    expect(reason('listing/6310000231#photos')).toBe('http://127.0.0.1:8080/listing/6310000231');
    expect(reason('http://127.0.0.1:8080/search?zip=85031&page=2')).toBe(
      'http://127.0.0.1:8080/search?zip=85031&page=2',
    );
  });

  it('refuses other schemes, hosts, ports and private addresses, the site itself excepted', () => {
    expect(reason('file:///etc/passwd')).toBe('scheme');
    expect(reason('javascript:alert(1)')).toBe('scheme');
    expect(reason('data:text/html,<h1>x</h1>')).toBe('scheme');
    expect(reason('http://169.254.169.254/latest/meta-data/')).toBe('private-address');
    expect(reason('http://10.0.0.1/')).toBe('private-address');
    expect(reason('http://127.0.0.2:8080/listing/1')).toBe('private-address');
    expect(reason('http://127.0.0.1:8081/listing/1')).toBe('private-address');
    // Spellings the URL parser turns into loopback.
    expect(reason('http://2130706433:8080/')).toBe('http://127.0.0.1:8080/');
    expect(reason('http://0x7f.1:9/')).toBe('private-address');
    expect(reason('http://[::1]:8080/')).toBe('private-address');
    expect(reason('https://127.0.0.1:8080/')).toBe('private-address');
    expect(reason('https://evil.example/listing/1')).toBe('off-site');
    expect(reason('http://user:pw@127.0.0.1:8080/listing/1')).toBe('off-site');
    expect(reason(`/listing/${'x'.repeat(MAX_URL_CHARS)}`)).toBe('unparseable');
    expect(reason('http://[::1')).toBe('unparseable');
  });

  it('keeps to the path of the base URL', () => {
    const scope = siteScope('https://site.example/mls/');
    const on = (href: string) => admitUrl(href, 'https://site.example/mls/search', scope);
    expect(on('listing/1')).toEqual({ ok: true, url: 'https://site.example/mls/listing/1' });
    expect(on('/admin/')).toEqual({ ok: false, reason: 'off-path' });
    expect(on('https://www.site.example/mls/listing/1')).toEqual({ ok: false, reason: 'off-site' });
  });

  it('knows loopback, private, link-local and shared addresses from public ones', () => {
    for (const host of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.1.1',
      '100.64.0.1',
      '0.0.0.0',
      'localhost',
      '[fd00::1]',
      '[fe80::1]',
      '[::ffff:7f00:1]',
    ])
      expect(isPrivateAddress(host), host).toBe(true);
    for (const host of ['8.8.8.8', '172.32.0.1', '192.169.0.1', 'site.example', '[2001:db8::1]'])
      expect(isPrivateAddress(host), host).toBe(false);
  });

  it('refuses a base URL that is not http(s)', () => {
    expect(() => siteScope('file:///srv/site/')).toThrow("base URL scheme 'file:' is not http(s)");
  });
});
