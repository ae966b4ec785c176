import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Chart } from './charts.js';
import type { Report } from './report.js';

/** Files of one report, relative to its folder. */
export const REPORT_FILES = {
  html: 'report.html',
  text: 'report.txt',
  message: 'message.eml',
  csv: 'by-zip.csv',
} as const;

/** The rendered report, ready to be written. */
export interface RenderedReport {
  /** HTML with inline SVG charts (the artifact's copy). */
  html: string;
  text: string;
  csv: string;
  charts: Chart[];
  /** The composed message, when there is one. */
  eml: Buffer;
}

const csvField = (value: string): string => {
  // A leading = + - @ would make a spreadsheet read the field as a formula.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** The CSV extract: properties collected per ZIP and source. */
export function byZipCsv(report: Report): string {
  const rows = [['zip', 'county', 'listings', 'total']];
  for (const row of report.byZip)
    rows.push([row.zip, String(row.county), String(row.mls), String(row.total)]);
  return `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/**
 * Writes the report's files into `dir` (emptied first, so a rerun leaves no stale file): HTML,
 * text, the message as `.eml`, the CSV extract and each chart as PNG. Returns their paths,
 * relative to `dir`.
 */
export async function writeReportFiles(dir: string, rendered: RenderedReport): Promise<string[]> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'charts'), { recursive: true });
  const files: Array<[string, string | Buffer]> = [
    [REPORT_FILES.html, rendered.html],
    [REPORT_FILES.text, rendered.text],
    [REPORT_FILES.message, rendered.eml],
    [REPORT_FILES.csv, rendered.csv],
    ...rendered.charts.map((chart): [string, Buffer] => [`charts/${chart.id}.png`, chart.png]),
  ];
  for (const [path, content] of files) await writeFile(join(dir, path), content);
  return files.map(([path]) => path);
}
