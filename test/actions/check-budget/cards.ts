import { parseRateCard, type RateCard } from '../../../actions/check-budget/src/rate-card.js';
import type { LedgerEntry } from '../../../actions/check-budget/src/ledger.js';

const provenance = { source: 'test card', date: '2026-11-01' };

/** A small rate card for tests: Linux and self-hosted runners, captcha and proxy prices. */
export function testCard(
  overrides: { monthly?: Record<string, number>; publicRepositoryFree?: boolean } = {},
): RateCard {
  return parseRateCard(
    {
      version: 'test-1',
      currency: 'USD',
      githubActions: {
        publicRepositoryFree: overrides.publicRepositoryFree ?? true,
        runners: [
          { name: 'self-hosted', labels: ['self-hosted'], perMinute: 0, ...provenance },
          { name: 'Linux 2-core', labels: ['ubuntu-*'], perMinute: 0.006, ...provenance },
          { name: 'macOS', labels: ['macos-*'], perMinute: 0.062, ...provenance },
        ],
        defaultRunner: 'Linux 2-core',
      },
      usage: {
        captcha: { unit: 'solve', per: 1000, price: 3, ...provenance },
        proxy: { unit: 'gb', price: 0.5, ...provenance },
        'county-api': { unit: 'request', per: 1000, price: 0, ...provenance },
        'github-actions': { unit: 'minute', price: 0.006, ...provenance },
      },
      monthly: Object.fromEntries(
        Object.entries(overrides.monthly ?? {}).map(([service, price]) => [
          service,
          { price, ...provenance },
        ]),
      ),
    },
    'test',
  );
}

/** A ledger entry of `cost` dollars for `service` in run `runId` on Phoenix day `day`. */
export function entry(runId: string, day: string, cost: number, service = 'captcha'): LedgerEntry {
  return {
    _id: `${runId}:${service}`,
    runId,
    service: service as LedgerEntry['service'],
    unit: 'solve',
    quantity: 1,
    cost,
    day,
    month: day.slice(0, 7),
    recordedAt: `${day}T10:00:00.000Z`,
    rateCardVersion: 'test-1',
    items: [],
  };
}
