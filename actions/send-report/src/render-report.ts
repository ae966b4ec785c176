import { withGroup, type Logger } from '../../../shared/logger.js';
import { renderCharts } from './charts.js';
import { composeMessage, type ComposedMessage } from './message.js';
import { renderHtml } from './render-html.js';
import { renderText } from './render-text.js';
import type { Report } from './report.js';
import { byZipCsv, REPORT_FILES, type RenderedReport } from './report-files.js';
import { reportSections, type Section } from './sections.js';

/** Who the message is from and to, and what it carries besides the report. */
export interface Addressing {
  from: string;
  to: string[];
  attach: ReadonlyArray<'html' | 'csv'>;
}

/** The report in every form: sections, files (HTML with SVG, text, CSV, PNGs) and the message. */
export interface ReportRendering {
  sections: Section[];
  files: RenderedReport;
  message: ComposedMessage;
}

// Without SMTP the message still needs addresses to be a valid .eml.
const FALLBACK_FROM = 'PHX pipeline <phx-pipeline@localhost>';
const FALLBACK_TO = 'undisclosed-recipients@localhost';

/**
 * Renders the report: charts (PNG and SVG), the HTML artifact with inline SVG, the email HTML
 * with `cid:` images, the text alternative, the CSV extract, and the composed message.
 */
export async function renderReport(
  report: Report,
  addressing: Addressing,
  logger: Logger,
): Promise<ReportRendering> {
  const sections = reportSections(report);
  const charts = await withGroup(logger, 'Charts', async () => {
    const rendered = await renderCharts(report);
    logger.info(`${rendered.length} charts rendered`);
    return rendered;
  });
  const text = renderText(report, sections, charts);
  const html = renderHtml(report, sections, charts, 'svg');
  const csv = byZipCsv(report);
  const attachments = [];
  if (addressing.attach.includes('html'))
    attachments.push({
      filename: REPORT_FILES.html,
      content: html,
      contentType: 'text/html; charset=utf-8',
    });
  if (addressing.attach.includes('csv'))
    attachments.push({
      filename: REPORT_FILES.csv,
      content: csv,
      contentType: 'text/csv; charset=utf-8',
    });
  const message = await composeMessage({
    from: addressing.from || FALLBACK_FROM,
    to: addressing.to.length ? addressing.to : [FALLBACK_TO],
    subject: report.subject,
    html: renderHtml(report, sections, charts, 'cid'),
    text,
    charts,
    attachments,
  });
  return { sections, files: { html, text, csv, charts, eml: message.raw }, message };
}
