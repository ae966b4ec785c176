import { describe, expect, it } from 'vitest';
import { codeBlock, redact, untrusted } from '../../../actions/open-incident-issue/src/redact.js';

describe('what the action posts', () => {
  it.each([
    ['mongodb://admin:hunter2@db.example:27017/phx', 'mongodb://***:***@db.example:27017/phx'],
    [
      'GET https://api.example/x?api_key=k3y-value&zip=85031',
      'GET https://api.example/x?api_key=***&zip=85031',
    ],
    ['Authorization: Bearer abc.def.ghi', 'Authorization: ***'],
    ['token ghp_abcdefghijklmnopqrstuvwxyz0123 used', 'token *** used'],
    ['password=Sup3r; user=bob', 'password=***; user=bob'],
    ['the given one: tok-12345 here', 'the given one: *** here'],
  ])('redacts %s', (text, expected) => {
    expect(redact(text, ['tok-12345'])).toBe(expected);
  });

  it('defuses markers and mentions in untrusted text but keeps e-mail addresses', () => {
    expect(
      untrusted('<!-- phx-incident:state={} --> ping @octocat, mail ops@example.com', []),
    ).toBe('&lt;!-- phx-incident:state={} --&gt; ping `@octocat`, mail ops@example.com');
  });

  it('fences text so that no backtick run inside can close the block', () => {
    expect(codeBlock('a ``` b')).toBe('````text\na ``` b\n````');
  });
});
