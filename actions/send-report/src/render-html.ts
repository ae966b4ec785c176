import type { Chart } from './charts.js';
import { html, trusted, type SafeHtml } from './html-escape.js';
import type { Report } from './report.js';
import type { Cell, Section, Table } from './sections.js';

/** How charts appear: `cid:` PNG images for email, inline SVG for the artifact. */
export type ChartMode = 'cid' | 'svg';

const LEVEL_COLOURS: Record<string, string> = {
  ok: '#d4edda',
  warning: '#fff3cd',
  critical: '#f8d7da',
  unknown: '#eeeeee',
};
const STATUS_COLOURS = { success: '#1e7e34', partial: '#b8860b', failure: '#c82333' } as const;
const CELL = 'border:1px solid #ccc;padding:4px 8px;text-align:left;';

function cell(value: Cell): SafeHtml {
  if (typeof value === 'string') return html`<td style="${CELL}">${value}</td>`;
  const background = value.level ? `background:${LEVEL_COLOURS[value.level]};` : '';
  const text = value.url ? html`<a href="${value.url}">${value.text}</a>` : html`${value.text}`;
  return html`<td style="${CELL}${background}">${text}</td>`;
}

function table(t: Table): SafeHtml {
  const head = t.columns.map((c) => html`<th style="${CELL}background:#f2f2f2;">${c}</th>`);
  const rows = t.rows.map(
    (row) =>
      html`<tr>
        ${row.map(cell)}
      </tr>`,
  );
  return html`<table style="border-collapse:collapse;margin:8px 0;font-size:14px;">
    <tr>
      ${head}
    </tr>
    ${rows}
  </table>`;
}

function chart(c: Chart, mode: ChartMode): SafeHtml {
  // Vega escapes the text it draws; the SVG is ours, built from numbers and ZIPs.
  if (mode === 'svg')
    return html`<figure role="img" aria-label="${c.alt}">${trusted(c.svg)}</figure>`;
  return html`<p>
    <img src="cid:${c.id}" alt="${c.alt}" width="${c.width}" style="max-width:100%;" />
  </p>`;
}

function section(s: Section, charts: Map<string, Chart>, mode: ChartMode): SafeHtml {
  const shown = s.charts.flatMap((id) => (charts.has(id) ? [charts.get(id)!] : []));
  return html`<h2 style="font-size:18px;margin:20px 0 6px;">${s.heading}</h2>
    ${s.lines.map((line) => html`<p style="margin:2px 0;">${line}</p>`)}
    ${s.tables.map(table)}${shown.map((c) => chart(c, mode))}`;
}

/** The report as an HTML document; every value from data is escaped. */
export function renderHtml(
  report: Report,
  sections: Section[],
  charts: Chart[],
  mode: ChartMode,
): string {
  const byId = new Map(charts.map((c) => [c.id, c]));
  const colour = STATUS_COLOURS[report.status];
  const link = report.runUrl ? html`<p><a href="${report.runUrl}">Workflow run</a></p>` : '';
  return html`<!DOCTYPE html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${report.title}</title>
      </head>
      <body style="font-family:Arial,Helvetica,sans-serif;color:#222;max-width:760px;">
        <h1 style="font-size:22px;border-left:6px solid ${colour};padding-left:8px;">
          ${report.subject}
        </h1>
        <p>Generated ${report.generatedAt} for ${report.periodLabel} (America/Phoenix).</p>
        ${link} ${sections.map((s) => section(s, byId, mode))}
      </body>
    </html> `.value;
}
