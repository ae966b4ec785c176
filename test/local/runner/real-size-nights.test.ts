import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../shared/logger.js';
import { provisionMongo, type ProvisionedMongo } from '../../../local/mongo/provision-mongo.js';
import { startCountySandbox, type CountySandbox } from '../../../local/sandbox/county/server.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../../local/sandbox/github/server.js';
import { startSmtpServer, type TestSmtpServer } from '../../actions/send-report/smtp-harness.js';
import { processesRunning, runNight, withClient, type Night } from './nights.js';

/**
 * Time runs 120 times faster than on GitHub: an hour is 30 s, a night's 50-minute budget 25 s. The county's limit of 1,000
 * requests an hour per token becomes 1,000 per 30 s in the sandbox; the workflow's pace and
 * time budget are scaled the same way through its variables, so every ratio is the real one.
 */
const SCALE = 120;
const HOUR_MS = 3_600_000 / SCALE;
const TOKEN_PER_HOUR = 1000;
const BUDGET_MINUTES = 50;
/**
 * Two ZIPs too large for one night: a shard's night is 408 requests (1,000 an hour shared by two
 * shards, for 50 minutes), so each takes two nights or more; the real ones hold thousands.
 */
const PARCELS: Record<string, number> = { '85031': 600, '85033': 700 };
const ZIPS = Object.keys(PARCELS);

interface NightWithRequests extends Night {
  /** Index into the sandbox's request log where this night (or attempt) began and ended. */
  requests: [number, number];
}

interface ShardStats {
  shard: string;
  outcome: string;
  counts: Record<string, number>;
}

/**
 * Several nights of data-collection.yml against ZIPs of real proportions, with the county's rate
 * limit enforced and time compressed: each night must end inside its budget with what it
 * collected stored, and the nights together must refresh every parcel in the predicted number.
 */
describe('real-size nights: a rolling refresh under the county rate limit, time compressed', () => {
  let mongo: ProvisionedMongo;
  let github: GitHubEmulator;
  let smtp: TestSmtpServer;
  let county: CountySandbox;
  let out = '';
  let envFile = '';
  const nights: NightWithRequests[] = [];
  const storedAfter: number[] = [];
  /** Nights to a full refresh, the most of the ZIPs, as the first night's shards predicted it. */
  let predicted = 0;

  const withDatabase = <T>(use: (client: MongoClient) => Promise<T>) => withClient(mongo.uri, use);

  const countyParcelsStored = () =>
    withDatabase((client) =>
      client
        .db('phx_property')
        .collection('properties')
        .countDocuments({ 'sources.county.lastSeen': { $exists: true } }),
    );

  async function night(args: string[], during?: () => Promise<void>): Promise<NightWithRequests> {
    const start = county.requestLog.length;
    const run = await runNight({ out, envFile, args, timeoutMs: 300_000, during });
    storedAfter.push(await countyParcelsStored());
    return { ...run, requests: [start, county.requestLog.length] };
  }

  /** The collect-county run-stats of a run, per ZIP, from the ledger store-mongo wrote. */
  const shardStats = (runId: string) =>
    withDatabase(async (client) => {
      const entries = await client
        .db('phx_property')
        .collection<ShardStats & { stage: string; runId: string }>('runs')
        .find({ runId, stage: 'collect-county' })
        .toArray();
      return Object.fromEntries(entries.map((entry) => [entry.shard, entry]));
    });

  const cycleNights = async (runId: string) =>
    Math.max(
      ...Object.values(await shardStats(runId)).map(
        (stats) => stats.counts['refresh-cycle-nights'] ?? 0,
      ),
    );
  const allFresh = async (runId: string) => {
    const stats = await shardStats(runId);
    return ZIPS.every((zip) => stats[zip]?.counts['parcels-fresh'] === PARCELS[zip]);
  };
  /** Every step log of a run (all attempts), to find what an action said. */
  async function runLogs(runId: string): Promise<string> {
    const dir = join(out, runId);
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    const logs = entries.filter((entry) => entry.isFile() && entry.name.endsWith('.log'));
    const texts = await Promise.all(logs.map((e) => readFile(join(e.parentPath, e.name), 'utf8')));
    return texts.join('\n');
  }

  /** Parcel bodies the sandbox served in a night: path per request answered with a parcel. */
  const parcelFetches = (requests: [number, number]) =>
    county.requestLog
      .slice(...requests)
      .filter((request) => request.endpoint === 'parcel' && request.status === 200)
      .map((request) => request.path);

  /**
   * SIGINT to the ZIP's collecting process once it has fetched `after` parcels, as a runner's
   * timeout or cancellation would. The sandbox's books tell the ZIP: 85031's APNs start with 102.
   */
  async function interruptAfter(zip: string, book: string, after: number): Promise<void> {
    const start = county.requestLog.length;
    const fetched = () =>
      county.requestLog
        .slice(start)
        .filter(
          (request) => request.endpoint === 'parcel' && request.path.startsWith(`/parcel/${book}`),
        ).length;
    for (let tries = 0; tries < 3000; tries += 1) {
      if (fetched() >= after) {
        const pids = await processesRunning(`${out}/`, 'dist/collect-county/index.js');
        let sent = 0;
        for (const pid of pids) {
          const env = await readFile(`/proc/${pid}/environ`, 'utf8').catch(() => '');
          if (!env.includes(`INPUT_ZIP-CODES=${zip}\0`)) continue;
          process.kill(pid, 'SIGINT');
          sent += 1;
        }
        if (sent > 0) return;
      }
      await sleep(100);
    }
    throw new Error(`the county shard of ${zip} never fetched ${after} parcels`);
  }

  beforeAll(async () => {
    mongo = await provisionMongo({
      logger: memoryLogger(),
      env: { ...process.env, MONGODB_URI: '' },
    });
    github = await startGitHubEmulator();
    smtp = await startSmtpServer({ users: { reports: 'smtp-pass-real-size' } });
    county = await startCountySandbox({
      seed: 'real-size',
      parcelsPerZip: PARCELS,
      faults: { rateLimit: { requests: TOKEN_PER_HOUR, windowMs: HOUR_MS } },
    });
    out = await mkdtemp(join(tmpdir(), 'phx-real-size-'));
    envFile = join(out, 'real-size.env');
    const write = (extra: string[] = []) =>
      writeFile(
        envFile,
        [
          `MONGODB_URI=${mongo.uri.replace(/\/$/, '')}/?retryWrites=true&w=majority`,
          `GITHUB_API_URL=${github.url}`,
          `GITHUB_TOKEN=${github.token}`,
          'GITHUB_REPOSITORY=phx/real-size',
          `SMTP_URL=smtp+insecure://reports:smtp-pass-real-size@127.0.0.1:${smtp.port}`,
          'REPORT_TO=ops@example.com',
          'REPORT_FROM=pipeline@example.com',
          `COUNTY_API_URL=${county.url}`,
          `COUNTY_API_TOKEN=${county.token}`,
          // The token's hourly limit and the night's budget, in compressed time.
          `COUNTY_REQUESTS_PER_HOUR=${TOKEN_PER_HOUR * SCALE}`,
          `COUNTY_TIME_BUDGET_MINUTES=${(BUDGET_MINUTES / SCALE).toFixed(4)}`,
          'COUNTY_MAX_PARALLEL=2',
          ...extra,
        ].join('\n'),
      );
    await write();
    const inputs = ['--input', `zip-codes=${ZIPS.join(',')}`, '--input', 'sources=county'];
    nights.push(await night(inputs));
    predicted = await cycleNights(nights[0]?.runId ?? '');
    nights.push(await night(inputs, () => interruptAfter('85031', '102', 100)));
    // The token is refused part-way through the third night; "Re-run failed jobs" finishes it.
    county.setFaults({
      rateLimit: { requests: TOKEN_PER_HOUR, windowMs: HOUR_MS },
      tokenRevokedAfter: county.requestLog.filter((request) => request.authorized).length + 150,
    });
    nights.push(await night(inputs));
    county.setFaults({ rateLimit: { requests: TOKEN_PER_HOUR, windowMs: HOUR_MS } });
    nights.push(await night(['--rerun-failed', nights[2]?.runId ?? '']));
    // Then ordinary nights until every parcel is fresh: the first night's prediction, plus one
    // night of slack for a loaded machine, counting only the undisturbed nights.
    let undisturbed = 1;
    while (undisturbed < predicted + 1 && !(await allFresh(nights.at(-1)?.runId ?? ''))) {
      nights.push(await night(inputs));
      undisturbed += 1;
    }
  }, 1_500_000);

  afterAll(async () => {
    await github?.close();
    await smtp?.close();
    await county?.close();
    await mongo?.stop();
  });

  it('ends every night inside its budget with a stored partial result and no 429 from its own pacing', async () => {
    for (const night of [nights[0], nights[1], ...nights.slice(4)]) {
      expect(night?.code, night?.stdout).toBe(0);
      expect(night?.result.jobs.county?.result).toBe('success');
      expect(night?.result.jobs.store?.result).toBe('success');
    }
    const first = await shardStats(nights[0]?.runId ?? '');
    for (const zip of ZIPS) {
      expect(first[zip]?.outcome, zip).toBe('partial');
      // The night's request budget: the token's rate shared by two shards, for 50 minutes.
      expect(first[zip]?.counts['request-budget']).toBe(
        Math.floor(
          ((TOKEN_PER_HOUR * SCALE) / 2) *
            0.98 *
            (Number((BUDGET_MINUTES / SCALE).toFixed(4)) / 60),
        ),
      );
      expect(first[zip]?.counts['parcels-known']).toBe(PARCELS[zip]);
    }
    const refused = county.requestLog.filter((request) => request.status === 429);
    expect(refused).toEqual([]);
  });

  it('fetches no parcel twice in a night, and loses nothing it collected', () => {
    for (const night of nights) {
      const fetched = parcelFetches(night.requests);
      expect(new Set(fetched).size, `run ${night.runId}`).toBe(fetched.length);
    }
    // A re-run continues its first attempt: together they fetch each parcel once.
    const together = [
      ...parcelFetches(nights[2]?.requests ?? [0, 0]),
      ...parcelFetches(nights[3]?.requests ?? [0, 0]),
    ];
    expect(new Set(together).size).toBe(together.length);
    // What is stored only grows, by what each night fetched for the first time.
    const seen = new Set<string>();
    nights.forEach((night, index) => {
      for (const path of parcelFetches(night.requests)) seen.add(path);
      expect(storedAfter[index], `after run ${night.runId}`).toBe(seen.size);
    });
  });

  it('keeps the interrupted shard: SIGINT stops it in time and what it had is stored', async () => {
    const interrupted = nights[1];
    const shards = interrupted?.result.jobs.county?.instances ?? [];
    expect(shards.map((shard) => shard.result)).toEqual(['success', 'success']);
    const stats = await shardStats(interrupted?.runId ?? '');
    expect(stats['85031']?.outcome).toBe('partial');
    expect(stats['85031']?.counts['parcels-fetched']).toBeGreaterThanOrEqual(100);
    expect(await runLogs(interrupted?.runId ?? '')).toContain(
      '85031: SIGINT from the runner (the job was cancelled or ran out of time): taking no more parcels',
    );
  });

  it('re-runs a failed night as attempt 2 from what attempt 1 uploaded', async () => {
    const [, , failed, rerun] = nights;
    expect(failed?.code).toBe(1);
    expect(failed?.result.jobs.county?.result).toBe('failure');
    expect(rerun?.code, rerun?.stdout).toBe(0);
    expect(rerun?.result).toMatchObject({ conclusion: 'success', attempt: 2 });
    const logs = await runLogs(rerun?.runId ?? '');
    expect(logs).toContain('attempt 2: continuing from what earlier attempts uploaded');
    expect(logs).toMatch(/85031: \d+ parcels kept from county-parcels-85031/);
  });

  it('refreshes every parcel within the predicted number of nights, the disturbed ones aside', async () => {
    expect(predicted).toBeGreaterThanOrEqual(2);
    const last = await shardStats(nights.at(-1)?.runId ?? '');
    for (const zip of ZIPS) {
      expect(last[zip]?.counts['parcels-fresh'], zip).toBe(PARCELS[zip]);
      expect(last[zip]?.counts['refresh-nights-left'], zip).toBe(0);
    }
    expect(storedAfter.at(-1)).toBe(Object.values(PARCELS).reduce((a, b) => a + b, 0));
  });
});
