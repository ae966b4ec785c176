import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { resolveDatabase } from '../../../shared/db/database-name.js';
import { startArtifactService } from '../../../local/artifact-service/server.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../../local/sandbox/github/server.js';
import { startSmtpServer, type TestSmtpServer } from '../../actions/send-report/smtp-harness.js';
import { useClientEnv } from '../artifact-service/client-env.js';
import { downloadStageRecords } from '../../support/stage-artifact.js';
import { runCli } from './run-cli.js';

interface RunOutcome {
  exitCode: number;
  stdout: string;
  outDir: string;
  runId: string;
  conclusion: string;
  jobs: Record<string, { result: string; outputs: Record<string, string> }>;
}

const ZIPS = ['85031', '85033', '85035'];
const SMTP_USER = 'reports';
const SMTP_PASSWORD = 'smtp-pass-e2e-5150';

async function allLogs(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const logs = entries.filter((entry) => entry.isFile() && entry.name.endsWith('.log'));
  const texts = await Promise.all(logs.map((e) => readFile(join(e.parentPath, e.name), 'utf8')));
  return texts.join('\n');
}

describe('npm run pipeline: data-collection.yml on the sandbox', () => {
  let github: GitHubEmulator;
  let smtp: TestSmtpServer;
  let root = '';
  const runs: RunOutcome[] = [];
  const counts: Array<Record<string, number>> = [];
  const mailsAfterRun: number[] = [];
  let linked = { properties: 0, listings: 0, apnListings: 0, merged: 0 };

  async function countDocuments(): Promise<Record<string, number>> {
    const client = await MongoClient.connect(inject('mongodbUri'));
    try {
      const db = client.db(resolveDatabase(inject('mongodbUri')).name);
      const names = ['properties', 'listings', 'history'];
      const values = await Promise.all(names.map((name) => db.collection(name).countDocuments()));
      return Object.fromEntries(names.map((name, i) => [name, values[i] ?? 0]));
    } finally {
      await client.close();
    }
  }

  async function pipeline(name: string, extraEnv: string[]): Promise<RunOutcome> {
    const envFile = join(root, `${name}.env`);
    await writeFile(
      envFile,
      [
        `MONGODB_URI=${inject('mongodbUri')}`,
        `GITHUB_API_URL=${github.url}`,
        `GITHUB_TOKEN=${github.token}`,
        'GITHUB_REPOSITORY=phx/pipeline-e2e',
        'INCIDENT_THRESHOLD=1',
        `SMTP_URL=smtp+insecure://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${smtp.port}`,
        'REPORT_FROM=pipeline@example.com',
        'REPORT_TO=ops@example.com',
        ...extraEnv,
      ].join('\n'),
    );
    const out = join(root, name);
    const args = ['--env-file', envFile, '--out', out, '--plain', '--parcels-per-zip', '8'];
    // full mode collects every parcel each time, so the third run sees the same day's data.
    args.push('--input', `zip-codes=${ZIPS.join(',')}`, '--input', 'mode=full');
    const { code: exitCode, stdout } = await runCli(args, 150_000);
    const [runId = ''] = (await readdir(out)).filter((entry) => /^\d+$/.test(entry));
    const outDir = join(out, runId);
    const result = JSON.parse(await readFile(join(outDir, 'result.json'), 'utf8')) as RunOutcome;
    return { ...result, exitCode, stdout, outDir, runId };
  }

  async function countLinks(): Promise<typeof linked> {
    const client = await MongoClient.connect(inject('mongodbUri'));
    try {
      const db = client.db(resolveDatabase(inject('mongodbUri')).name);
      const listings = await db.collection('listings').find({}).toArray();
      const keys = listings.map((listing) => String(listing.propertyKey));
      const apnKeys = keys.filter((key) => !key.startsWith('addr:'));
      const merged = await db
        .collection<{ _id: string }>('properties')
        .countDocuments({ _id: { $in: apnKeys }, county: { $ne: null }, listing: { $ne: null } });
      return {
        properties: await db.collection('properties').countDocuments(),
        listings: listings.length,
        apnListings: apnKeys.length,
        merged,
      };
    } finally {
      await client.close();
    }
  }

  beforeAll(async () => {
    github = await startGitHubEmulator();
    smtp = await startSmtpServer({ users: { [SMTP_USER]: SMTP_PASSWORD } });
    root = await mkdtemp(join(tmpdir(), 'phx-runner-'));
    runs.push(await pipeline('first', []));
    mailsAfterRun.push(smtp.messages.length);
    counts.push(await countDocuments());
    linked = await countLinks();
    runs.push(await pipeline('refused', ['COUNTY_API_TOKEN=not-the-token']));
    mailsAfterRun.push(smtp.messages.length);
    runs.push(await pipeline('recovered', []));
    counts.push(await countDocuments());
  }, 420_000);

  afterAll(async () => {
    await github?.close();
    await smtp?.close();
  });

  it('runs every job to success, shards per ZIP, and prints each step with its duration', () => {
    const [first] = runs;
    expect(first?.exitCode, first?.stdout).toBe(0);
    expect(first?.conclusion).toBe('success');
    for (const job of ['plan', 'budget-gate', 'county', 'mls', 'enrich', 'store', 'report']) {
      expect(first?.jobs[job]?.result, job).toBe('success');
    }
    for (const zip of ZIPS) expect(first?.stdout).toContain(`job county (${zip}): started`);
    expect(first?.stdout).toMatch(/\[store\] Store in MongoDB: success in \d+\.\ds/);
  });

  it('leaves merged properties with their listings linked in the database, integrity ok', () => {
    const store = runs[0]?.jobs.store?.outputs;
    expect(store?.integrity).toBe('ok');
    expect(Number(store?.inserted)).toBeGreaterThan(0);
    // 8 parcels in each of 3 ZIPs, about half of them listed. A listing with a unit number does
    // not match its parcel's situs and waits under its own addr: key, as on the real site.
    expect(linked.listings).toBeGreaterThan(6);
    expect(linked.apnListings).toBeGreaterThan(linked.listings / 2);
    expect(linked.merged).toBe(linked.apnListings);
    expect(linked.properties).toBe(24 + linked.listings - linked.apnListings);
  });

  it("keeps the cost ledger beside the properties, in the database the URI's resolution gives", async () => {
    const client = await MongoClient.connect(inject('mongodbUri'));
    try {
      const db = client.db(resolveDatabase(inject('mongodbUri')).name);
      const recorded = await db.collection('costs').distinct('runId');
      const [first, , recovered] = runs;
      expect(recorded).toEqual(expect.arrayContaining([first?.runId, recovered?.runId]));
    } finally {
      await client.close();
    }
  });

  it('mails the daily report through SMTP with its charts inline', async () => {
    expect(mailsAfterRun[0]).toBe(1);
    const received = smtp.messages[0];
    expect(received?.user).toBe(SMTP_USER);
    expect(received?.to).toEqual(['ops@example.com']);
    const mail = await simpleParser(received?.raw ?? Buffer.alloc(0), { keepCidLinks: true });
    expect(mail.subject).toMatch(/daily/i);
    const charts = mail.attachments.filter((a) => a.contentType === 'image/png');
    expect(charts.length).toBeGreaterThan(0);
    for (const chart of charts) expect(mail.html).toContain(`cid:${chart.cid}`);
    for (const zip of ZIPS) expect(mail.text).toContain(zip);
    // The sandbox model gives what the listings' remarks state, so enrichment reads complete
    // and a clean night reads clean.
    expect(mail.subject).toMatch(/^✅ .*daily report/);
    const enrichment = /Completeness \(enrichment\)\D*?([\d.]+) %/.exec(mail.text ?? '');
    expect(Number(enrichment?.[1]), mail.text).toBeGreaterThanOrEqual(95);
  });

  it('leaves stage artifacts whose manifests verify, one per ZIP and source', async () => {
    const first = runs[0];
    const service = await startArtifactService({
      // Artifacts outlive their run in the out folder's state, as on GitHub.
      storageDir: join(first?.outDir ?? '', '..', '.state', 'artifacts'),
    });
    const restore = useClientEnv({ ...service.clientEnv(first?.runId ?? '', 'e2e-check') });
    try {
      const dir = await mkdtemp(join(root, 'artifacts-'));
      let parcels = 0;
      let listings = 0;
      for (const zip of ZIPS) {
        const county = await downloadStageRecords(
          `county-parcels-${zip}`,
          join(dir, `c${zip}`),
          'county-parcel',
        );
        expect(county.manifest.shard).toBe(zip);
        expect(county.runStats).toHaveLength(1);
        parcels += county.records.length;
        const mls = await downloadStageRecords(
          `mls-listings-${zip}`,
          join(dir, `m${zip}`),
          'mls-listing',
        );
        expect(mls.records.length).toBeGreaterThan(0);
        listings += mls.records.length;
      }
      expect(parcels).toBe(24);
      const enrichment = await downloadStageRecords('enrichment', join(dir, 'e'), 'enrichment');
      // One enrichment per listed property (the listing's remarks are what is read).
      expect(enrichment.records).toHaveLength(listings);
      expect(listings).toBe(linked.listings);
    } finally {
      restore();
      await service.close();
    }
  });

  it('fails when the county refuses the token, opens one incident, and the next good run closes it', async () => {
    const [, refused, recovered] = runs;
    expect(refused?.exitCode).toBe(1);
    // The preflight asks the county with the token before anything costly starts.
    expect(refused?.jobs.plan?.result).toBe('failure');
    expect(refused?.jobs.county?.result).toBe('skipped');
    expect(refused?.jobs.report?.result).toBe('success');
    // The report still goes out on a failed night.
    expect(mailsAfterRun[1]).toBe(2);
    const failedNight = await simpleParser(smtp.messages[1]?.raw ?? Buffer.alloc(0));
    expect(failedNight.subject).toMatch(/daily.*failed/i);
    expect(refused?.stdout).toContain('COUNTY_API_TOKEN');
    expect(refused?.stdout).toContain('the county API refused the token');
    expect(recovered?.exitCode, recovered?.stdout).toBe(0);
    const incidents = github.state
      .issues('phx', 'pipeline-e2e')
      .filter((issue) => issue.labels.some((label) => label === 'incident'));
    expect(incidents).toHaveLength(1);
    // Filed under the county collector, with the check that failed and what it said.
    expect(incidents[0]?.title).toBe(
      "Incident: collect-county: preflight check 'county API reachable' failed",
    );
    expect(incidents[0]?.labels).toEqual(
      expect.arrayContaining(['severity:p0', 'component:collect-county']),
    );
    expect(incidents[0]?.body).toContain('County API refusing authentication');
    expect(incidents[0]?.body).toContain('the county API refused the token');
    expect(incidents[0]?.body).toContain('nothing was collected tonight');
    expect(incidents[0]?.body).not.toContain('not-the-token');
    expect(incidents[0]?.state).toBe('closed');
  });

  it('writes nothing new when the same day is collected again', () => {
    const store = runs[2]?.jobs.store?.outputs;
    expect(store?.integrity).toBe('ok');
    expect(store?.inserted).toBe('0');
    // Seen again with the same facts: no property counts as updated.
    expect(store?.updated).toBe('0');
    expect(counts[1]).toEqual(counts[0]);
  });

  it('never writes a secret into the step logs', async () => {
    const logs = (await Promise.all(runs.map((run) => allLogs(run.outDir)))).join('\n');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(github.token);
    expect(logs).not.toContain(inject('mongodbUri'));
    expect(logs).not.toContain('not-the-token');
    expect(logs).not.toContain(SMTP_PASSWORD);
  });
});
