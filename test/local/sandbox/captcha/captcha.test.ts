import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startCaptchaSolver,
  type CaptchaSolver,
} from '../../../../local/sandbox/captcha/server.js';

describe('sandbox CAPTCHA solver (2captcha classic protocol)', () => {
  let solver: CaptchaSolver;
  beforeAll(async () => {
    solver = await startCaptchaSolver({ solveMs: 300, unsolvable: ['6LeUnsolvableKey000'] });
  });
  afterAll(() => solver.close());

  const submit = async (fields: Record<string, string>) =>
    (
      await fetch(`${solver.url}/in.php`, { method: 'POST', body: new URLSearchParams(fields) })
    ).text();
  const poll = async (id: string, json = '1') =>
    (
      await fetch(`${solver.url}/res.php?key=${solver.apiKey}&action=get&id=${id}&json=${json}`)
    ).text();

  it('takes a userrecaptcha task, answers CAPCHA_NOT_READY, then a token the site can verify', async () => {
    const task = {
      key: solver.apiKey,
      method: 'userrecaptcha',
      googlekey: '6LeSandboxSiteKey0001',
      pageurl: 'http://site/listing/1',
      json: '1',
    };
    const submitted = JSON.parse(await submit(task)) as { status: number; request: string };
    expect(submitted.status).toBe(1);
    expect(JSON.parse(await poll(submitted.request))).toEqual({
      status: 0,
      request: 'CAPCHA_NOT_READY',
    });
    await new Promise((resolve) => setTimeout(resolve, 350));
    const solved = JSON.parse(await poll(submitted.request)) as { status: number; request: string };
    expect(solved.status).toBe(1);
    expect(solver.verifyToken(solved.request, '6LeSandboxSiteKey0001')).toBe(true);
    expect(solver.verifyToken(solved.request, '6LeOtherSiteKey00001')).toBe(false);
    expect(await poll(submitted.request, '0')).toBe(`OK|${solved.request}`);
  });

  it.each([
    [{ key: 'short' }, 'ERROR_WRONG_USER_KEY'],
    [{ key: '0'.repeat(32) }, 'ERROR_KEY_DOES_NOT_EXIST'],
    [{ method: 'userrecaptcha', googlekey: 'x', pageurl: 'http://site/' }, 'ERROR_GOOGLEKEY'],
    [
      { method: 'userrecaptcha', googlekey: '6LeSandboxSiteKey0001', pageurl: 'nope' },
      'ERROR_PAGEURL',
    ],
  ])('in.php %j -> %s', async (fields, code) => {
    expect(await submit({ key: solver.apiKey, ...fields })).toBe(code);
  });

  it('answers unknown ids and unsolvable tasks with their error codes', async () => {
    expect(JSON.parse(await poll('123'))).toEqual({ status: 0, request: 'ERROR_WRONG_CAPTCHA_ID' });
    const id = (
      JSON.parse(
        await submit({
          key: solver.apiKey,
          method: 'userrecaptcha',
          googlekey: '6LeUnsolvableKey000',
          pageurl: 'http://site/',
          json: '1',
        }),
      ) as { request: string }
    ).request;
    expect(JSON.parse(await poll(id))).toEqual({ status: 0, request: 'ERROR_CAPTCHA_UNSOLVABLE' });
  });
});
