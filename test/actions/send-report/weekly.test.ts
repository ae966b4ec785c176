import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type {
  HistoryRow,
  PropertyDocument,
  RunLedgerEntry,
} from '../../../shared/db/collections.js';
import { useTestDatabase } from '../../support/database.js';
import { NOW, ledgerEntry, makeWorkspace, removeWorkspace, runSendReport } from './harness.js';
import { startSmtpServer, type TestSmtpServer } from './smtp-harness.js';

const database = useTestDatabase();
const DAY = 86_400_000;
const HOSTILE_ADDRESS = '<script>alert("addr")</script> 123 W MAIN ST';
const HOSTILE_REMARKS = 'Great flip! <img src=x onerror=alert(1)> & <b>bold</b> "quoted"';

/** One nightly run `daysAgo` days before NOW: county per ZIP, plus store-mongo. */
function nightlyRun(
  daysAgo: number,
  fetchedPerZip: number,
  failedPerZip: number,
): RunLedgerEntry[] {
  const runId = `run-${daysAgo}`;
  const started = new Date(NOW.getTime() - daysAgo * DAY - 4 * 3_600_000);
  const county = ['85031', '85033', '85035'].map((zip) =>
    ledgerEntry(
      runId,
      'collect-county',
      zip,
      started,
      { 'parcels-fetched': fetchedPerZip, 'parcels-failed': failedPerZip },
      failedPerZip ? { errorsByClass: { server: failedPerZip }, retries: failedPerZip * 2 } : {},
    ),
  );
  const store = ledgerEntry(
    runId,
    'store-mongo',
    'all',
    new Date(started.getTime() + 30 * 60_000),
    {
      inserted: 10,
      updated: 3 * fetchedPerZip - 10,
      unchanged: 0,
    },
    {
      quality: {
        completeness: { county: 0.97, mls: 0.9, llm: null },
        validity: { records: 100, valid: 99, share: 0.99 },
        duplicatesMerged: 2,
        listingsLinked: { listings: 10, linked: 9, share: 0.9 },
        freshness: { days: 7, parcels: 100, refreshed: 98, share: 0.98 },
      },
      integrity: 'ok',
    },
  );
  return [...county, store];
}

function property(
  id: string,
  zip: string,
  price: number,
  sqft: number,
  status: string,
  listedOn: string | null,
  extra: Partial<PropertyDocument> = {},
): PropertyDocument {
  return {
    _id: id,
    zip,
    listing: {
      status,
      listPrice: price,
      livingAreaSqft: sqft,
      daysOnMarket: 20,
      listedOn,
      address: { raw: `${id} N 1ST AVE` },
      description: 'Nice home',
    },
    ...extra,
  } as unknown as PropertyDocument;
}

describe('weekly report from the run ledger in FerretDB', () => {
  let workspace: string;
  let server: TestSmtpServer;

  beforeAll(async () => {
    const runs = [
      // This week: 7 runs of 3 x 800 parcels, 3 x 10 failed on two of them.
      ...[0, 1, 2, 3, 4, 5, 6].flatMap((d) => nightlyRun(d, 800, d < 2 ? 10 : 0)),
      // The week before: 6 runs of 3 x 700 (one night missed).
      ...[7, 8, 9, 10, 11, 12].flatMap((d) => nightlyRun(d, 700, 0)),
      // Three weeks ago: outside both periods.
      ...nightlyRun(20, 5000, 0),
    ];
    await database.db.collection<RunLedgerEntry>('runs').insertMany(runs);
    await database.db.collection<PropertyDocument>('properties').insertMany([
      property('101-01-001', '85031', 300_000, 1500, 'Active', '2026-11-02'),
      property('101-01-002', '85031', 320_000, 1600, 'UCB', '2026-11-18'),
      property('101-01-003', '85031', 500_000, 2000, 'Closed', '2026-11-17'),
      property('101-01-004', '85033', 250_000, 1250, 'Active', null, {
        listing: {
          status: 'Active',
          listPrice: 250_000,
          livingAreaSqft: 1250,
          daysOnMarket: 40,
          listedOn: '2026-11-20',
          address: { raw: HOSTILE_ADDRESS },
          description: HOSTILE_REMARKS,
        },
      } as Partial<PropertyDocument>),
    ]);
    const change: HistoryRow = {
      _id: 'h1',
      propertyKey: '101-01-004',
      field: 'price',
      from: 275_000,
      to: 250_000,
      source: 'mls',
      observedAt: new Date(NOW.getTime() - 2 * DAY).toISOString(),
      runId: 'run-2',
      recordedAt: new Date(NOW.getTime() - 2 * DAY).toISOString(),
    };
    await database.db.collection<HistoryRow>('history').insertOne(change);
    // check-budget's cost ledger: $0.24 a night this week, one service each.
    await database.db.collection<{ _id: string; runId: string; cost: number }>('costs').insertMany(
      [0, 1, 2, 3, 4, 5, 6].map((d) => ({
        _id: `run-${d}:github-actions`,
        runId: `run-${d}`,
        cost: 0.24,
      })),
    );
  });
  beforeEach(async () => {
    workspace = await makeWorkspace();
    server = await startSmtpServer();
  });
  afterEach(async () => {
    await server.close();
    await removeWorkspace(workspace);
  });
  afterAll(() => undefined);

  const inputs = () => ({
    kind: 'weekly',
    'mongodb-uri': database.uri,
    database: database.db.databaseName,
    'smtp-url': `smtp+insecure://127.0.0.1:${server.port}`,
    from: 'pipeline@example.com',
    to: 'ops@example.com',
  });

  it('shows week-over-week numbers computed from a week of runs', async () => {
    const run = await runSendReport(inputs(), workspace);
    expect(run.failures).toEqual([]);
    const summary = run.summaries[0]!;
    expect(summary).toContain('| Runs | 7 | 6 | +16.7 % |');
    expect(summary).toContain('| Properties collected | 16,800 | 12,600 | +33.3 % |');
    expect(summary).toContain('| Properties stored | 16,800 | 12,600 | +33.3 % |');
    // 16,800 collected of 16,860 attempted this week; 100 % the week before.
    expect(summary).toContain('| Success rate | 99.6 % | 100.0 % | -0.4 pts |');
    expect(summary).toContain('| Errors | 60 | 0 | new |');
    const mail = await simpleParser(server.messages[0]!.raw, { keepCidLinks: true });
    expect(mail.subject).toBe(
      '✅ PHX pipeline weekly report 2026-11-21 to 2026-11-28: 16,800 properties',
    );
    expect(mail.text).toMatch(/Properties collected\s+16,800\s+12,600\s+\+33\.3 %/);
    const html = String(mail.html);
    for (const cid of [
      'collected-by-zip',
      'collected-per-run',
      'median-price-by-zip',
      'price-distribution',
      'median-price-trend',
    ])
      expect(html).toContain(`src="cid:${cid}"`);
    // Market: active (Active, UCB) listings only; Closed is not inventory.
    expect(mail.text).toMatch(/85031\s+2\s+\$310,000\s+\$200\s+20\s+0\s+0/);
    expect(mail.text).toMatch(/85033\s+1\s+\$250,000\s+\$200\s+40\s+1\s+0/);
    expect(mail.text).toContain('Price changes: 1 (1 cuts, 0 rises, median -9.1 %)');
    // Price trend by ZIP: medians of the listings listed each week (Closed ones included).
    expect(mail.text).toContain(
      '[Chart] Median list price of new listings by week: 85031 week of 2026-11-02 $300,000, 85031 week of 2026-11-16 $410,000, 85033 week of 2026-11-16 $250,000',
    );
  });

  it('escapes hostile listing text in the email and the artifact HTML', async () => {
    const run = await runSendReport({ ...inputs(), attach: 'html' }, workspace);
    expect(run.failures).toEqual([]);
    const mail = await simpleParser(server.messages[0]!.raw, { keepCidLinks: true });
    const artifactHtml = await readFile(
      join(workspace, 'out/reports/report-weekly/report.html'),
      'utf8',
    );
    const attachedHtml = mail.attachments
      .find((a) => a.filename === 'report.html')!
      .content.toString();
    for (const html of [String(mail.html), artifactHtml, attachedHtml]) {
      expect(html).not.toContain('<script>alert');
      expect(html).not.toContain('<img src=x');
      expect(html).not.toContain('<b>bold');
      expect(html).toContain('&lt;script&gt;alert(&quot;addr&quot;)&lt;/script&gt; 123 W MAIN ST');
      expect(html).toContain(
        'Great flip! &lt;img src=x onerror=alert(1)&gt; &amp; &lt;b&gt;bold&lt;/b&gt;',
      );
    }
    // The text part carries the words as they are: plain text cannot run anything.
    expect(mail.text).toContain(HOSTILE_ADDRESS);
    expect(artifactHtml).toContain('<svg');
  });

  it("divides the week's ledgered cost by every property processed, not only new ones", async () => {
    const run = await runSendReport(inputs(), workspace);
    const mail = await simpleParser(server.messages[0]!.raw);
    // 7 x $0.24 over 16,800 properties stored (10 inserted and 2,390 updated a night).
    expect(mail.text).toContain(
      'Per property: $0.0001 — $1.6800 (7 of 7 runs priced in the cost ledger) over 16,800 properties processed (inserted, updated or confirmed unchanged by store-mongo)',
    );
    expect(run.summaries[0]).toMatch(/\| Cost per property \| 🟢 \$0\.0001 \|/);
  });

  it('compares month over month in a monthly report', async () => {
    const run = await runSendReport({ ...inputs(), kind: 'monthly' }, workspace);
    expect(run.failures).toEqual([]);
    const summary = run.summaries[0]!;
    expect(summary).toContain('#### Month over month');
    // 14 runs in the last 30 days (7 + 6 + the one three weeks ago), none in the 30 before.
    expect(summary).toContain('| Runs | 14 | 0 | new |');
    expect(summary).toContain('| Properties collected | 44,400 | 0 | new |');
    expect(run.outputs.status).toBe('success');
  });
});
