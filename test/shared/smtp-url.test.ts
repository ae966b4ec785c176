import { describe, expect, it } from 'vitest';
import { parseSmtpUrl, SMTP_URL_EXPECTED } from '../../shared/smtp-url.js';

describe('parseSmtpUrl', () => {
  it.each([
    [
      'smtps://me%40x.com:pw@mail.example.com',
      {
        host: 'mail.example.com',
        port: 465,
        secure: true,
        requireTls: false,
        auth: { user: 'me@x.com', pass: 'pw' },
      },
    ],
    [
      'smtp+starttls://mail.example.com',
      { host: 'mail.example.com', port: 587, secure: false, requireTls: true, auth: undefined },
    ],
    [
      'smtp://u:p%40ss@[::1]:25',
      {
        host: '::1',
        port: 25,
        secure: false,
        requireTls: true,
        auth: { user: 'u', pass: 'p@ss' },
      },
    ],
    [
      'smtp+insecure://relay.internal:25',
      { host: 'relay.internal', port: 25, secure: false, requireTls: false, auth: undefined },
    ],
  ])('reads %s', (url, expected) => {
    expect(parseSmtpUrl(url)).toEqual(expected);
  });

  it.each([
    ['not a url', SMTP_URL_EXPECTED],
    [
      'https://mail.example.com',
      `${SMTP_URL_EXPECTED} (scheme smtps://, smtp:// or, to send without TLS, smtp+insecure://)`,
    ],
    ['smtp+starttls:nohost', `${SMTP_URL_EXPECTED}: it names no host`],
    [
      'smtps://u:hunter%zz@mail.example.com',
      `${SMTP_URL_EXPECTED}: the user name or password is not percent-encoded correctly`,
    ],
  ])('says what is wrong with %s, without quoting it', (url, problem) => {
    expect(parseSmtpUrl(url)).toBe(problem);
  });
});
