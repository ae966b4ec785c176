import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunLedgerEntry } from '../../../shared/db/collections.js';
import { useTestDatabase } from '../../support/database.js';
import {
  NOW,
  countyStats,
  ledgerEntry,
  makeWorkspace,
  removeWorkspace,
  runSendReport,
  writeCountyStage,
} from './harness.js';

const database = useTestDatabase();
const HOUR = 3_600_000;
const HOSTILE_SHARD = '<img src=x onerror=alert(1)>';

/** collect-county's coverage counts of an incremental run with a database. */
const coverage = (
  known: number,
  collected: number,
  fresh: number,
  nightsLeft: number,
  cycleNights: number,
  extra: Record<string, number> = {},
): Record<string, number> => ({
  'parcels-fetched': 900,
  'parcels-resumed': 0,
  'parcels-failed': 0,
  'parcels-known': known,
  'parcels-collected': collected,
  'parcels-fresh': fresh,
  'fresh-days': 30,
  'refresh-nights-left': nightsLeft,
  'refresh-cycle-nights': cycleNights,
  ...extra,
});

const LISTINGS = {
  'listings-scraped': 122,
  'listings-known': 420,
  'listings-new': 12,
  'listings-changed': 30,
  'listings-revisited': 80,
  'listings-left': 150,
};

/** This run (9001, as the harness's GITHUB_RUN_ID) five hours before the report. */
function latestRun(): RunLedgerEntry[] {
  const started = new Date(NOW.getTime() - 5 * HOUR);
  const county = (shard: string, counts: Record<string, number>, extra = {}) =>
    ledgerEntry('9001', 'collect-county', shard, started, counts, extra);
  const budget = { 'parcels-per-night': 979, 'request-budget': 980 };
  return [
    county(
      '85031',
      coverage(5200, 3100, 1300, 4, 6, { ...budget, 'parcels-with-listing-activity': 12 }),
    ),
    // No rate limit or time budget, and the parcel index still being built.
    county('85033', coverage(2400, 2400, 2400, 0, 1, { 'index-pages-left': 120 })),
    // A full run: no coverage counts at all.
    county('85035', { 'parcels-fetched': 800, 'parcels-failed': 0 }),
    county('85039', { 'parcels-fetched': 0, 'parcels-failed': 0 }, { outcome: 'failure' }),
    county('85041', { ...coverage(900, 800, 700, 1, 1, budget), 'refresh-nights-left': -1 }),
    county(HOSTILE_SHARD, coverage(10, 10, 10, 0, 1, budget)),
    county('__proto__', { 'parcels-fetched': 5 }),
    // The county shard of 85037 did not run; its listing shard did.
    ledgerEntry('9001', 'scrape-mls', '85037', started, LISTINGS),
  ];
}

/** Three days earlier, with other figures for 85031: the weekly report shows the latest. */
const earlierRun = (): RunLedgerEntry[] => [
  ledgerEntry(
    'run-old',
    'collect-county',
    '85031',
    new Date(NOW.getTime() - 72 * HOUR),
    coverage(5000, 900, 100, 5, 6, { 'parcels-per-night': 979 }),
  ),
];

const LINES = {
  budgeted:
    '85031: 1,300 of 5,200 known parcels fresh (25.0 %, refreshed within 30 days), 3,100 ever collected; 979 parcels a night (request budget 980): a full refresh takes 6 nights; 4 nights until every known parcel is fresh; 12 with listing activity went first',
  noBudget:
    '85033: 2,400 of 2,400 known parcels fresh (100.0 %, refreshed within 30 days), 2,400 ever collected; no request budget (no rate limit or no time budget), so no refresh estimate: every due parcel is tried each run',
  indexBuilt:
    '85033: the parcel index is still being built: about 120 search pages left; more parcels will be known',
  fullRun: '85035: no parcel coverage: none reported (a full run, or no database)',
  notRun: '85037: no parcel coverage: the county shard did not run in the latest run',
  listings:
    '85037 listings: 420 on the result pages; 12 new, 30 changed, 80 revisited in this run; 150 left for the next run',
  failed:
    '85039: no parcel coverage: none reported (a full run, or no database); the county shard ended failure',
  incomplete: '85041: no parcel coverage: incomplete figures (missing refresh-nights-left)',
};

describe('coverage per ZIP in the report', () => {
  let workspace: string;

  beforeAll(async () => {
    await database.db
      .collection<RunLedgerEntry>('runs')
      .insertMany([...latestRun(), ...earlierRun()]);
  });
  beforeEach(async () => {
    workspace = await makeWorkspace();
  });
  afterEach(() => removeWorkspace(workspace));

  const inputs = (kind: string) => ({
    kind,
    'mongodb-uri': database.uri,
    database: database.db.databaseName,
  });
  const folder = (kind: string) => join(workspace, `out/reports/report-${kind}`);

  it("shows each ZIP's coverage from this run's shards in the text, and says why a ZIP has none", async () => {
    const run = await runSendReport(inputs('daily'), workspace);
    expect(run.failures).toEqual([]);
    const text = await readFile(join(folder('daily'), 'report.txt'), 'utf8');
    const section = text.slice(text.indexOf('\nCoverage\n'), text.indexOf('\nErrors and how'));
    // In code-unit order of the shard names, whatever the locale.
    expect(section.split('\n').filter((line) => line.includes(': '))).toEqual([
      LINES.budgeted,
      LINES.noBudget,
      LINES.indexBuilt,
      LINES.fullRun,
      LINES.notRun,
      LINES.listings,
      LINES.failed,
      LINES.incomplete,
      `${HOSTILE_SHARD}: 10 of 10 known parcels fresh (100.0 %, refreshed within 30 days), 10 ever collected; 979 parcels a night (request budget 980): a full refresh takes 1 night; every known parcel is fresh now`,
      '__proto__: no parcel coverage: none reported (a full run, or no database)',
    ]);
    // A ZIP without figures never reads as zero coverage.
    expect(section).not.toMatch(/8503[579]: 0 of/);
    // A shard named __proto__ is a ZIP like any other, not a key of every object.
    expect(text).toMatch(/__proto__\s+5\s+0\s+5/);
    expect((Object.prototype as Record<string, unknown>).county).toBeUndefined();
  });

  it('shows the coverage in the email, the HTML report and the step summary, escaped', async () => {
    const run = await runSendReport(inputs('daily'), workspace);
    expect(run.failures).toEqual([]);
    const mail = await simpleParser(await readFile(join(folder('daily'), 'message.eml')), {
      keepCidLinks: true,
    });
    expect(mail.text).toContain(LINES.budgeted);
    const escaped = '&lt;img src=x onerror=alert(1)&gt;: 10 of 10 known parcels fresh';
    const artifact = await readFile(join(folder('daily'), 'report.html'), 'utf8');
    for (const html of [String(mail.html), artifact]) {
      expect(html).toContain('<h2 style="font-size:18px;margin:20px 0 6px;">Coverage</h2>');
      expect(html).toContain(`<p style="margin:2px 0;">${LINES.indexBuilt}</p>`);
      expect(html).toContain(`<p style="margin:2px 0;">${LINES.fullRun}</p>`);
      expect(html).toContain(escaped);
      expect(html).not.toContain('<img src=x');
    }
    const summary = run.summaries[0]!;
    expect(summary).toContain('#### Coverage');
    expect(summary).toContain(`- ${LINES.listings}`);
    expect(summary).toContain(`- ${escaped}`);
    expect(summary).toContain('- \\_\\_proto\\_\\_: no parcel coverage: none reported');
    expect(summary).not.toContain('<img src=x');
  });

  it('shows the latest run of the week, not an earlier one', async () => {
    const run = await runSendReport(inputs('weekly'), workspace);
    expect(run.failures).toEqual([]);
    const text = await readFile(join(folder('weekly'), 'report.txt'), 'utf8');
    const started = new Date(NOW.getTime() - 5 * HOUR).toISOString();
    expect(text).toContain(`As of the latest run, 9001 (started ${started}).`);
    expect(text).toContain(LINES.budgeted);
    expect(text).not.toContain('100 of 5,000 known parcels');
  });
});

describe('coverage from stage artifacts, without a database', () => {
  let workspace: string;
  beforeEach(async () => {
    workspace = await makeWorkspace();
  });
  afterEach(() => removeWorkspace(workspace));

  it("reads the county shard's run-stats counts", async () => {
    const stats = countyStats('85031', 900);
    stats.counts = coverage(5200, 3100, 1300, 4, 6, { 'parcels-per-night': 979 });
    const stage = await writeCountyStage(workspace, stats);
    const run = await runSendReport({ 'run-results': stage }, workspace);
    expect(run.failures).toEqual([]);
    expect(run.summaries[0]).toContain(
      '- 85031: 1,300 of 5,200 known parcels fresh (25.0 %, refreshed within 30 days), 3,100 ever collected; 979 parcels a night: a full refresh takes 6 nights; 4 nights until every known parcel is fresh',
    );
  });

  it('says so when no run reported anything', async () => {
    const run = await runSendReport({}, workspace);
    expect(run.failures).toEqual([]);
    expect(run.summaries[0]).toContain(
      '#### Coverage\n\n- No coverage figures: no run in this period.',
    );
  });
});
