import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { bar, line, trendLine } from './chart-specs.js';
import { svgToPng } from './rasterize.js';
import type { Report } from './report.js';

/** One chart: SVG for the HTML artifact, PNG for email (Gmail and Outlook show no inline SVG). */
export interface Chart {
  /** Content id and file stem, e.g. `collected-by-zip`. */
  id: string;
  title: string;
  /** What the chart shows, in words: the image's alt text and the text part's line. */
  alt: string;
  svg: string;
  png: Buffer;
  /** Width in CSS pixels (the PNG has twice as many). */
  width: number;
}

async function render(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

function specs(report: Report): Array<{ id: string; alt: string; spec: TopLevelSpec }> {
  const list: Array<{ id: string; alt: string; spec: TopLevelSpec }> = [];
  const zipValues = report.byZip.flatMap((row) => [
    { zip: row.zip, source: 'county', properties: row.county },
    { zip: row.zip, source: 'listings', properties: row.mls },
  ]);
  if (zipValues.length)
    list.push({
      id: 'collected-by-zip',
      alt: `Properties collected by ZIP: ${report.byZip.map((r) => `${r.zip} ${r.total}`).join(', ')}`,
      spec: bar('Properties collected by ZIP', zipValues, 'zip', 'properties', 'source'),
    });
  if (report.kind !== 'daily' && report.runs.length > 1) {
    const perRun = report.runs.map((run) => ({
      date: run.startedAt,
      properties: run.collected.county + run.collected.mls,
    }));
    list.push({
      id: 'collected-per-run',
      alt: `Properties collected per run: ${perRun.map((r) => `${r.date.slice(0, 10)} ${r.properties}`).join(', ')}`,
      spec: line('Properties collected per run', perRun, 'date', 'properties'),
    });
  }
  const market = report.market;
  if (market && market.zips.some((zip) => zip.medianPrice !== null)) {
    const values = market.zips
      .filter((z) => z.medianPrice !== null)
      .map((z) => ({ zip: z.zip, 'median price': z.medianPrice }));
    list.push({
      id: 'median-price-by-zip',
      alt: `Median list price by ZIP: ${values.map((v) => `${v.zip} $${Math.round(v['median price'] ?? 0).toLocaleString('en-US')}`).join(', ')}`,
      spec: bar('Median list price by ZIP (active listings)', values, 'zip', 'median price'),
    });
    list.push({
      id: 'price-distribution',
      alt: `Active listings by price band: ${market.distribution.map((d) => `${d.band} ${d.listings}`).join(', ')}`,
      spec: bar('Active listings by price band', market.distribution, 'band', 'listings'),
    });
  }
  const trend = market?.trend.filter((point) => point.medianPrice !== null) ?? [];
  if (trend.length > 1)
    list.push({
      id: 'median-price-trend',
      alt: `Median list price of new listings by week: ${trend.map((p) => `${p.zip} week of ${p.week} $${Math.round(p.medianPrice ?? 0).toLocaleString('en-US')}`).join(', ')}`,
      spec: trendLine(
        trend.map((p) => ({ zip: p.zip, week: p.week, 'median price': p.medianPrice })),
      ),
    });
  return list;
}

/** The report's charts, rendered without a browser: vega-lite to SVG, resvg to PNG. */
export async function renderCharts(report: Report): Promise<Chart[]> {
  const charts: Chart[] = [];
  for (const { id, alt, spec } of specs(report)) {
    const svg = await render(spec);
    const width = Number(/width="(\d+)"/.exec(svg)?.[1] ?? 480);
    const title = typeof spec.title === 'string' ? spec.title : id;
    charts.push({ id, title, alt, svg, png: await svgToPng(svg), width });
  }
  return charts;
}
