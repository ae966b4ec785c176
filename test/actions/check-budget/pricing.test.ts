import { describe, expect, it } from 'vitest';
import {
  billedMinutes,
  priceJobs,
  type RunJob,
} from '../../../actions/check-budget/src/job-minutes.js';
import { priceUsage, totalCost } from '../../../actions/check-budget/src/pricing.js';
import type { Usage } from '../../../shared/model/usage.js';
import { parseRateCard } from '../../../actions/check-budget/src/rate-card.js';
import defaultCard from '../../../config/rate-card.json' with { type: 'json' };
import { testCard } from './cards.js';

const card = testCard();
const now = new Date('2026-11-28T10:30:00Z');

function usage(
  service: Usage['service'],
  unit: Usage['unit'],
  quantity: number,
  shard = '85031',
): Usage {
  return {
    schemaVersion: 1,
    runId: '9001',
    action: 'scrape-mls',
    shard,
    service,
    unit,
    quantity,
    recordedAt: '2026-11-28T10:20:00Z',
  };
}

let nextJobId = 1;

function job(
  startedAt: string | null,
  completedAt: string | null,
  labels = ['ubuntu-latest'],
): RunJob {
  return {
    id: nextJobId++,
    runAttempt: 1,
    name: 'collect (85031)',
    status: 'completed',
    conclusion: 'success',
    startedAt,
    completedAt,
    labels,
  };
}

describe('priceUsage', () => {
  it('sums each service over shards and prices it per the card’s unit', () => {
    const lines = priceUsage(
      [
        usage('captcha', 'solve', 150, '85031'),
        usage('captcha', 'solve', 50, '85033'),
        usage('proxy', 'gb', 0.4),
        usage('county-api', 'request', 2500),
      ],
      card,
    );
    expect(lines.map(({ service, quantity, cost }) => ({ service, quantity, cost }))).toEqual([
      { service: 'captcha', quantity: 200, cost: 0.6 },
      { service: 'proxy', quantity: 0.4, cost: 0.2 },
      { service: 'county-api', quantity: 2500, cost: 0 },
    ]);
    expect(totalCost(lines)).toBeCloseTo(0.8, 9);
  });

  it('is empty with no usage', () => {
    expect(priceUsage([], card)).toEqual([]);
  });

  it('refuses consumption the card cannot price, naming the entry', () => {
    expect(() => priceUsage([usage('email', 'message', 3)], card)).toThrow(
      "input 'rate-card': usage.email: expected a price, the run consumed 3 message of email",
    );
    expect(() => priceUsage([usage('proxy', 'request', 3)], card)).toThrow(
      "input 'rate-card': usage.proxy.unit: expected 'request' (the units the run metered), got 'gb'",
    );
  });

  it('shows what traffic a flat plan pays for would cost, without charging it', () => {
    const flat = testCard();
    flat.usage.proxy = { ...flat.usage.proxy!, metered: false };
    const lines = priceUsage([usage('proxy', 'gb', 2), usage('captcha', 'solve', 1000)], flat);
    expect(lines).toMatchObject([
      { service: 'proxy', quantity: 2, price: 0.5, cost: 0, metered: false },
      { service: 'captcha', cost: 3, metered: true },
    ]);
    expect(totalCost(lines)).toBe(3);
    // The card in this repository: the guide's flat plan, with a per-GB price to compare.
    const shipped = parseRateCard(defaultCard, 'config/rate-card.json');
    expect(shipped.usage.proxy).toMatchObject({ unit: 'gb', metered: false });
    expect(shipped.usage.proxy!.price).toBeGreaterThan(0);
    expect(shipped.monthly.proxy!.price).toBeGreaterThan(0);
  });

  it('prices a service metered in several units by the unit the card names', () => {
    const lines = priceUsage([usage('proxy', 'gb', 1), usage('proxy', 'request', 3)], card);
    expect(lines).toMatchObject([{ service: 'proxy', unit: 'gb', quantity: 1 }]);
  });
});

describe('job minutes', () => {
  it.each([
    ['2026-11-28T10:00:00Z', '2026-11-28T10:00:01Z', 1],
    ['2026-11-28T10:00:00Z', '2026-11-28T10:01:00Z', 1],
    ['2026-11-28T10:00:00Z', '2026-11-28T10:01:00.001Z', 2],
    ['2026-11-28T10:00:00Z', '2026-11-28T10:00:00Z', 0],
    [null, null, 0],
    // Still running (this very job): counted up to now.
    ['2026-11-28T10:25:30Z', null, 5],
  ])('a job from %s to %s bills %d minutes', (startedAt, completedAt, minutes) => {
    expect(billedMinutes(job(startedAt, completedAt), now)).toBe(minutes);
  });

  it('prices each job rounded up, by the runner its labels match', () => {
    const jobs = [
      job('2026-11-28T10:00:00Z', '2026-11-28T10:02:10Z', ['ubuntu-24.04']),
      job('2026-11-28T10:00:00Z', '2026-11-28T10:00:20Z', ['ubuntu-latest']),
      job('2026-11-28T10:00:00Z', '2026-11-28T10:01:30Z', ['macos-14']),
      job('2026-11-28T10:00:00Z', '2026-11-28T11:00:00Z', ['self-hosted', 'linux', 'x64']),
      job('2026-11-28T10:00:00Z', '2026-11-28T10:00:30Z', ['gpu-box']),
    ];
    const priced = priceJobs(jobs, card, { publicRepository: false, now });
    expect(priced.lines.map(({ item, quantity, cost }) => ({ item, quantity, cost }))).toEqual([
      { item: 'Linux 2-core', quantity: 5, cost: 5 * 0.006 },
      { item: 'macOS', quantity: 2, cost: 2 * 0.062 },
      { item: 'self-hosted', quantity: 60, cost: 0 },
    ]);
    expect(priced.unmatchedLabels).toEqual(['gpu-box']);
  });

  it('bills every attempt’s jobs, and a job listed twice once', () => {
    const timedOut = job('2026-11-28T09:00:00Z', '2026-11-28T10:00:00Z');
    const rerun = { ...job('2026-11-28T10:05:00Z', '2026-11-28T10:15:00Z'), runAttempt: 2 };
    const priced = priceJobs([timedOut, rerun, timedOut], card, { publicRepository: false, now });
    expect(priced.lines).toMatchObject([{ item: 'Linux 2-core', quantity: 70, cost: 70 * 0.006 }]);
    expect(priced).toMatchObject({ jobs: 2, attempts: [1, 2] });
  });

  it('bills nothing in a public repository when the card says so, and counts the minutes', () => {
    const jobs = [job('2026-11-28T10:00:00Z', '2026-11-28T10:09:10Z')];
    const free = priceJobs(jobs, card, { publicRepository: true, now });
    expect(free.lines).toMatchObject([
      { item: 'Linux 2-core (public repository)', quantity: 10, cost: 0 },
    ]);
    const notFree = priceJobs(jobs, testCard({ publicRepositoryFree: false }), {
      publicRepository: true,
      now,
    });
    expect(notFree.lines).toMatchObject([{ item: 'Linux 2-core', quantity: 10, cost: 0.06 }]);
  });
});
