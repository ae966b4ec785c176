import type { Chart } from './charts.js';
import type { Report } from './report.js';
import type { Cell, Section, Table } from './sections.js';

const text = (cell: Cell): string =>
  typeof cell === 'string' ? cell : cell.url ? `${cell.text} <${cell.url}>` : cell.text;

function table(t: Table): string[] {
  const rows = [t.columns, ...t.rows.map((row) => row.map(text))];
  const widths = t.columns.map((_, i) =>
    Math.min(40, Math.max(...rows.map((r) => (r[i] ?? '').length))),
  );
  return rows.map((row) =>
    row
      .map((value, i) => value.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}

/** The complete text alternative: every section, table and chart (as its description). */
export function renderText(report: Report, sections: Section[], charts: Chart[]): string {
  const byId = new Map(charts.map((c) => [c.id, c]));
  const lines = [
    report.subject,
    `Generated ${report.generatedAt} for ${report.periodLabel} (America/Phoenix)`,
  ];
  if (report.runUrl) lines.push(`Workflow run: ${report.runUrl}`);
  for (const s of sections) {
    lines.push('', s.heading, '-'.repeat(s.heading.length), ...s.lines);
    for (const t of s.tables) lines.push(...table(t), '');
    for (const id of s.charts) {
      const chart = byId.get(id);
      if (chart) lines.push(`[Chart] ${chart.alt}`);
    }
  }
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
