import { describe, expect, it } from 'vitest';
import {
  fingerprintOf,
  normaliseSignature,
} from '../../../actions/open-incident-issue/src/fingerprint.js';
import { detectScenario } from '../../../actions/open-incident-issue/src/scenario.js';
import { severityFromMetrics } from '../../../actions/open-incident-issue/src/severity.js';

describe('fingerprints', () => {
  it.each([
    ['timeout after 30012 ms on run 123', 'timeout after 29987 ms on run 456'],
    [
      'GET https://mcassessor.maricopa.gov/parcel/501-95-795 failed',
      'GET https://mcassessor.maricopa.gov/parcel/102-29-045A failed',
    ],
    ['job 2026-11-27T10:00:03Z died', 'job 2026-11-28T10:00:41.511Z died'],
    [
      'request C0DE:1234 id 5f8d0d55b54764421b7156c9',
      'request C0DE:1234 id 65a1f0c2e4b0a1b2c3d4e5f6',
    ],
    [
      'Trace 0b0e59e2-52c5-4c1e-9d8b-4f0d2e7c1a11 lost',
      'Trace 7c9e6679-7425-40de-944b-e07fc1f90ae7 lost',
    ],
    ['  Connection   REFUSED ', 'connection refused'],
  ])('"%s" and "%s" are one fingerprint', (a, b) => {
    expect(fingerprintOf('collect-county', a)).toBe(fingerprintOf('collect-county', b));
  });

  it.each([
    ['timeout after 30012 ms', 'connection refused after 30012 ms'],
    ['HTTP 500 Unauthorized access', 'HTTP 500 internal error'],
  ])('"%s" and "%s" are different fingerprints', (a, b) => {
    expect(fingerprintOf('collect-county', a)).not.toBe(fingerprintOf('collect-county', b));
  });

  it('tells components apart and is 16 hex digits', () => {
    const county = fingerprintOf('collect-county', 'timeout');
    expect(county).toMatch(/^[0-9a-f]{16}$/);
    expect(county).not.toBe(fingerprintOf('scrape-mls', 'timeout'));
  });

  it('normalises what varies and keeps the words', () => {
    expect(normaliseSignature('Timeout after 30012 ms on run 123 (https://x.test/a?b=1)')).toBe(
      'timeout after <n> ms on run <n> (<url>)',
    );
  });
});

describe('scenarios and severity', () => {
  it.each([
    [
      'store-mongo',
      'MongoServerSelectionError: connect ECONNREFUSED',
      'database-unreachable',
      'P0',
    ],
    ['database', "preflight check 'database reachable' failed", 'database-unreachable', 'P0'],
    ['budget', 'monthly budget at the critical level or over', 'budget-exceeded', 'P1'],
    ['enrich-llm', 'fetch failed: connect ECONNREFUSED 127.0.0.1:11434', 'llm-down', 'P2'],
    ['check-budget', 'month-to-date $24.10 over the 95 % level', 'budget-exceeded', 'P1'],
    ['collect-county', 'HTTP 500 [search]:Unauthorized access!', 'county-auth-refused', 'P1'],
    ['scrape-mls', 'HTTP 403 blocked by Cloudflare', 'listing-site-blocking', 'P2'],
    ['watchdog', 'nightly run did not start by 11:00 UTC', 'missed-nightly-run', 'P0'],
    ['send-report', 'SMTP 535 authentication failed', 'other', 'P2'],
  ])('%s "%s" is %s at %s', (component, signature, scenario, severity) => {
    expect(detectScenario(component, signature)).toEqual({ scenario, severity });
  });

  it.each([
    [{ successRate: 0, failingComponents: 1 }, 'P0'],
    [{ successRate: 0.96, failingComponents: 2 }, 'P1'],
    [{ successRate: 0.45, failingComponents: 1 }, 'P1'],
    [{ successRate: 0.6, failingComponents: 1 }, 'P2'],
    [{ successRate: 0.85, failingComponents: 1 }, 'P2'],
    [{ successRate: 0.92, failingComponents: 0 }, 'P3'],
    [{ successRate: 0.99, failingComponents: 1 }, undefined],
  ])('metrics %o give %s', (metrics, severity) => {
    expect(severityFromMetrics(metrics)).toBe(severity);
  });
});
