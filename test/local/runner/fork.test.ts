import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../shared/logger.js';
import { provisionMongo, type ProvisionedMongo } from '../../../local/mongo/provision-mongo.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../../local/sandbox/github/server.js';
import { startSmtpServer, type TestSmtpServer } from '../../actions/send-report/smtp-harness.js';
import { processesRunning, runNight, withClient, type Night } from './nights.js';

const OWNER = 'new-owner';
const REPO = 'phx-property-pipeline';
const ZIPS = ['85031', '85033', '85035'];

/**
 * A fork's first nights, as GitHub would run them: a MongoDB URI without a database name (as
 * Atlas gives), Issues turned off until the operator turns them on, and a listing shard killed
 * mid-run and completed by "Re-run failed jobs".
 */
describe('a fork on GitHub: its first nights through the local runner', () => {
  let mongo: ProvisionedMongo;
  let github: GitHubEmulator;
  let smtp: TestSmtpServer;
  let out = '';
  let envFile = '';
  const nights: Night[] = [];

  const night = (args: string[], during?: () => Promise<void>) =>
    runNight({ out, envFile, args, timeoutMs: 200_000, during });

  /** Waits for the scraper of shard `jobKey` to start on its runner, then kills it (SIGKILL). */
  async function killWhenStarted(jobKey: string): Promise<void> {
    // This run's own folder in the pattern: other tests' runners have an mls-2 shard too.
    const pattern = `${out}/`;
    const shard = `/jobs/${jobKey}/workspace/dist/scrape-mls/index.js`;
    for (let tries = 0; tries < 1200; tries += 1) {
      const pids = await processesRunning(pattern, shard);
      if (pids.length > 0) {
        await sleep(500);
        for (const pid of pids) process.kill(pid, 'SIGKILL');
        return;
      }
      await sleep(100);
    }
    throw new Error(`shard ${jobKey} never started`);
  }

  const withDatabase = <T>(use: (client: MongoClient) => Promise<T>) => withClient(mongo.uri, use);

  beforeAll(async () => {
    // Its own server: the database the resolution picks must be the only one written.
    mongo = await provisionMongo({
      logger: memoryLogger(),
      env: { ...process.env, MONGODB_URI: '' },
    });
    github = await startGitHubEmulator();
    github.state.setIssuesEnabled(OWNER, REPO, false);
    smtp = await startSmtpServer({ users: { 'reports@fork.example': 'smtp-pass-fork-1' } });
    out = await mkdtemp(join(tmpdir(), 'phx-fork-'));
    envFile = join(out, 'fork.env');
    await writeFile(
      envFile,
      [
        // As Atlas gives it: no database in the path.
        `MONGODB_URI=${mongo.uri.replace(/\/$/, '')}/?retryWrites=true&w=majority`,
        `GITHUB_API_URL=${github.url}`,
        `GITHUB_TOKEN=${github.token}`,
        `GITHUB_REPOSITORY=${OWNER}/${REPO}`,
        `SMTP_URL=smtp+insecure://reports%40fork.example:smtp-pass-fork-1@127.0.0.1:${smtp.port}`,
        'REPORT_TO=owner@fork.example',
        'INCIDENT_THRESHOLD=1',
      ].join('\n'),
    );
    const inputs = ['--parcels-per-zip', '8', '--input', `zip-codes=${ZIPS.join(',')}`];
    inputs.push('--input', 'mode=full');
    nights.push(await night(inputs));
    github.state.setIssuesEnabled(OWNER, REPO, true);
    nights.push(await night(inputs, () => killWhenStarted('mls-2')));
    nights.push(await night(['--parcels-per-zip', '8', '--rerun-failed', nights[1]?.runId ?? '']));
    nights.push(await night(inputs));
  }, 800_000);

  afterAll(async () => {
    await github?.close();
    await smtp?.close();
    await mongo?.stop();
  });

  it('stops at preflight while Issues are off, saying where to turn them on', () => {
    const [issuesOff] = nights;
    expect(issuesOff?.code).toBe(1);
    expect(issuesOff?.result.jobs.plan?.result).toBe('failure');
    expect(issuesOff?.result.jobs.county?.result).toBe('skipped');
    expect(issuesOff?.stdout).toContain('Settings → General → Features → Issues');
  });

  it('loses a killed listing shard, and "Re-run failed jobs" completes the night as attempt 2', () => {
    const [, killed, rerun] = nights;
    expect(killed?.code).toBe(1);
    const shards = killed?.result.jobs.mls?.instances ?? [];
    expect(shards.find((shard) => shard.label === 'mls (85033)')?.result).toBe('failure');
    expect(killed?.result.jobs.county?.result).toBe('success');
    expect(rerun?.code, rerun?.stdout).toBe(0);
    expect(rerun?.result).toMatchObject({ conclusion: 'success', attempt: 2 });
    expect(rerun?.stdout).toContain('job county: kept from attempt 1');
    expect(rerun?.stdout).toContain('job mls (85031): kept from attempt 1');
    expect(rerun?.result.jobs.store?.result).toBe('success');
  });

  it('counts nothing twice: the next night over the same data finds nothing new', () => {
    const next = nights[3];
    expect(next?.code, next?.stdout).toBe(0);
    expect(next?.result.jobs.store?.outputs).toMatchObject({ inserted: '0', integrity: 'ok' });
  });

  it('keeps every collection in the one database an Atlas URI resolves to', async () => {
    const { databases, collections, ledger } = await withDatabase(async (client) => {
      const listed = await client.db('admin').admin().listDatabases();
      const db = client.db('phx_property');
      const names = (await db.listCollections().toArray()).map((c) => c.name);
      const costs = await db
        .collection<{ runId: string; service: string }>('costs')
        .find({ runId: nights[1]?.runId })
        .toArray();
      return {
        databases: listed.databases.map((entry) => entry.name),
        collections: names,
        ledger: costs.map((cost) => cost.service),
      };
    });
    expect(databases.filter((name) => !['admin', 'local', 'config'].includes(name))).toEqual([
      'phx_property',
    ]);
    for (const name of ['properties', 'listings', 'history', 'costs', 'runs']) {
      expect(collections).toContain(name);
    }
    // The re-run night is in the ledger once per service, not once per attempt.
    expect(ledger.length).toBeGreaterThan(0);
    expect(new Set(ledger).size).toBe(ledger.length);
  });
});
