import type { Report } from './report.js';
import type { Cell, Section, Table } from './sections.js';

const ICONS = { ok: '🟢', warning: '🟡', critical: '🔴', unknown: '⚪' } as const;

/** Text safe in a Markdown table cell: the summary renders HTML, so markup is escaped too. */
export function escapeMarkdown(value: string): string {
  return value
    .replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)
    .replace(/[|\\`*_[\]]/g, '\\$&')
    .replace(/\r?\n/g, ' ');
}

function cell(value: Cell): string {
  if (typeof value === 'string') return escapeMarkdown(value);
  const icon = value.level ? `${ICONS[value.level]} ` : '';
  const label = `${icon}${escapeMarkdown(value.text)}`;
  return value.url ? `[${label}](${encodeURI(value.url)})` : label;
}

function table(t: Table): string {
  const head = `| ${t.columns.map(escapeMarkdown).join(' | ')} |`;
  const rule = `| ${t.columns.map(() => '---').join(' | ')} |`;
  return [head, rule, ...t.rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join('\n');
}

const KEY_SECTIONS = [
  'Executive summary',
  'Open incidents',
  'KPIs against targets',
  'Week over week',
  'Month over month',
  'Properties by ZIP',
  'Coverage',
  'Errors and how they were resolved',
  'Data quality',
  'Database',
  'Action items',
];

/** The step summary: the key tables, and where the report and message went. */
export function renderMarkdown(report: Report, sections: Section[], delivery: string[]): string {
  const parts = [`### ${escapeMarkdown(report.subject)}`];
  for (const s of sections.filter((s) => KEY_SECTIONS.includes(s.heading))) {
    parts.push(`#### ${s.heading}`);
    if (s.lines.length) parts.push(s.lines.map((line) => `- ${escapeMarkdown(line)}`).join('\n'));
    parts.push(...s.tables.map(table));
  }
  parts.push('#### Delivery', delivery.map((line) => `- ${escapeMarkdown(line)}`).join('\n'));
  return `${parts.join('\n\n')}\n`;
}
