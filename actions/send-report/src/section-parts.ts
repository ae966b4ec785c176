import { count, duration, money, share, signedPercent } from './format.js';
import type { Report } from './report.js';
import { section, type Section } from './section-types.js';

/** Status, volume, success rate, duration and cost at a glance. */
export function executive(report: Report): Section {
  const t = report.totals;
  const county = report.runs.reduce((s, r) => s + r.collected.county, 0);
  const mls = report.runs.reduce((s, r) => s + r.collected.mls, 0);
  const budget = report.budget;
  return section('Executive summary', {
    lines: [
      `Status: ${report.status}`,
      `Runs: ${count(t.runs)} (${count(t.failedRuns)} failed)`,
      `Properties collected: ${count(t.collected)} (county ${count(county)}, listings ${count(mls)})`,
      `Properties stored: ${count(t.stored)}`,
      `Success rate: ${share(t.successRate)}`,
      `Duration: ${t.medianDurationMs === null ? 'n/a' : duration(t.medianDurationMs)}${t.runs > 1 ? ' (median)' : ''}`,
      budget
        ? `Cost: ${money(budget.runCost, 4)} this run; ${money(budget.monthToDate)} this month (${budget.utilization ?? 'n/a'} % of budget, level ${budget.level})`
        : 'Cost: no budget figures were given',
      `Uptime: ${share(report.uptime.share)}${report.uptime.share === null ? ` (${report.uptime.reason ?? 'unknown'})` : ''}`,
      report.openIncidents.problem
        ? 'Open incidents: could not be read (see Open incidents)'
        : `Open incidents: ${count(report.openIncidents.incidents.length)}`,
      ...(report.database.problem && report.database.problem !== 'no mongodb-uri was given'
        ? [
            `Database: could not be read, this report is built from the run's artifacts and inputs only (${report.database.problem})`,
          ]
        : []),
    ],
  });
}

/** Run, day, month to date, projection, per property and per service. */
export function costSection(report: Report): Section {
  const b = report.budget;
  const perProperty = `Per property: ${money(report.costPerProperty.value, 4)} — ${report.costPerProperty.basis.replace(/^n\/a: /, '')}`;
  if (!b)
    return section('Cost', {
      lines: ['No budget figures were given (input budget).', perProperty],
    });
  return section('Cost', {
    lines: [
      `Run: ${money(b.runCost, 4)}`,
      `Month to date: ${money(b.monthToDate)} (${b.utilization ?? 'n/a'} % of budget, level ${b.level})`,
      `Projected at month end: ${money(b.projected)}${b.projectionLevel === 'warning' ? ' (warning: above 80 % of the budget)' : ''}`,
      perProperty,
      ...(b.severity !== 'none' ? [`Overrun severity: ${b.severity}`] : []),
    ],
    tables: Object.keys(b.breakdown).length
      ? [
          {
            columns: ['Service', 'Month to date'],
            rows: Object.entries(b.breakdown).map(([s, v]) => [s, money(v, 4)]),
          },
        ]
      : [],
  });
}

/** Medians, inventory, days on market and price changes by ZIP. */
export function marketSection(report: Report): Section | undefined {
  const m = report.market;
  if (!m) return undefined;
  const p = m.priceChanges;
  return section('Market view', {
    lines: [
      `Price changes: ${count(p.count)} (${count(p.cuts)} cuts, ${count(p.rises)} rises, median ${signedPercent(p.medianChangePercent)})`,
    ],
    tables: [
      {
        columns: [
          'ZIP',
          'Active listings',
          'Median price',
          'Median $/sq ft',
          'Median days on market',
          'Cuts',
          'Rises',
        ],
        rows: m.zips.map((z) => [
          z.zip,
          count(z.activeInventory),
          money(z.medianPrice, 0),
          money(z.medianPricePerSqft, 0),
          count(z.medianDaysOnMarket),
          count(z.priceCuts),
          count(z.priceRises),
        ]),
      },
      ...(m.notableChanges.length
        ? [
            {
              columns: ['Address', 'ZIP', 'From', 'To', 'Change', 'Remarks'],
              rows: m.notableChanges.map((c) => [
                c.address ?? 'n/a',
                c.zip ?? 'n/a',
                money(c.from, 0),
                money(c.to, 0),
                signedPercent(c.changePercent),
                c.remarks ?? '',
              ]),
            },
          ]
        : []),
    ],
    charts: ['median-price-by-zip', 'median-price-trend', 'price-distribution'],
  });
}
