import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { FaultPlan } from '../../../../local/sandbox/county/faults.js';
import { seededRandom } from '../../../../local/sandbox/county/random.js';
import { startCountySandbox, type CountySandbox } from '../../../../local/sandbox/county/server.js';

/** The plan's answer at `now` as the client sees it: 200, or 429 with its Retry-After. */
function answer(plan: FaultPlan, now: number): string {
  const decision = plan.next(now);
  return decision.kind === 'rate-limited' ? `429 after ${decision.retryAfterSeconds}` : '200';
}

describe('sandbox county API: the per-token hourly limit', () => {
  it('slides its window: a slot frees when the oldest accepted request is a window old', () => {
    const plan = new FaultPlan({ rateLimit: { requests: 3, windowMs: 10_000 } });
    const at = (times: number[]) => times.map((now) => answer(plan, now));
    expect(at([0, 1_000, 2_000, 3_000, 9_999])).toEqual([
      '200',
      '200',
      '200',
      '429 after 7',
      '429 after 1',
    ]);
    // The 429s took no slot: at 10 s the first request has left the window, at 11 s the second.
    expect(at([10_000, 10_500, 11_000, 11_001])).toEqual([
      '200',
      '429 after 1',
      '200',
      '429 after 1',
    ]);
    expect(at([12_000, 20_000, 20_500, 21_000])).toEqual(['200', '200', '429 after 1', '200']);
  });

  it('counts no 429 as accepted, its own or an injected one', () => {
    const plan = new FaultPlan({
      rateLimit: { requests: 2, windowMs: 60_000 },
      tooManyRequests: { every: 2, retryAfterSeconds: 5 },
    });
    // The second request gets the injected 429; had it taken a slot, the third would be refused.
    expect([0, 1, 2, 3].map((now) => answer(plan, now))).toEqual([
      '200',
      '429 after 5',
      '200',
      '429 after 60',
    ]);
  });

  it('gives an honest Retry-After: a client that waits it always gets in, and waits under a second too long', () => {
    const limit = { requests: 5, windowMs: 7_000 };
    const plan = new FaultPlan({ rateLimit: limit });
    const random = seededRandom('retry-after');
    const accepted: number[] = [];
    let now = 0;
    let refusals = 0;
    while (accepted.length < 200) {
      const decision = plan.next(now);
      if (decision.kind === 'rate-limited') {
        refusals += 1;
        // The earliest moment a slot frees, from the requests this client saw accepted.
        const frees = (accepted[accepted.length - limit.requests] as number) + limit.windowMs;
        expect(decision.retryAfterSeconds * 1000).toBeGreaterThanOrEqual(frees - now);
        expect(decision.retryAfterSeconds * 1000 - (frees - now)).toBeLessThan(1000);
        now += decision.retryAfterSeconds * 1000;
        expect(plan.next(now).kind).toBe('none');
      }
      accepted.push(now);
      now += random.int(0, 2_500);
    }
    expect(refusals).toBeGreaterThan(20);
  });

  describe('over HTTP', () => {
    let sandbox: CountySandbox;
    afterEach(() => sandbox.close());

    it('counts only the good token, answers 429 with Retry-After past the limit, and lets the client in once it has waited', async () => {
      sandbox = await startCountySandbox({
        parcelsPerZip: 30,
        seed: 'limit',
        faults: { rateLimit: { requests: 3, windowMs: 1_500 } },
      });
      const get = (token: string) =>
        fetch(`${sandbox.url}/search/property/?q=85031`, { headers: { AUTHORIZATION: token } });
      const statuses: number[] = [];
      for (const token of [
        'wrong',
        'wrong',
        sandbox.token,
        'wrong',
        sandbox.token,
        sandbox.token,
      ]) {
        statuses.push((await get(token)).status);
      }
      // A wrong token is the county's "Unauthorized access!" 500, and uses none of the limit.
      expect(statuses).toEqual([500, 500, 200, 500, 200, 200]);
      const refused = await get(sandbox.token);
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect([1, 2]).toContain(retryAfter);
      expect((await get('wrong')).status).toBe(500);
      await sleep(retryAfter * 1000);
      expect((await get(sandbox.token)).status).toBe(200);
      expect(sandbox.requestLog.map((request) => request.fault ?? request.status)).toEqual([
        500,
        500,
        200,
        500,
        200,
        200,
        'rate-limited',
        500,
        200,
      ]);
    });
  });
});
