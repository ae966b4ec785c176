import { renderMarkdown } from './render-markdown.js';
import type { SendReportResult } from './send-report.js';

/** The step summary: the report's key tables and where it went. */
export function reportSummary(result: SendReportResult): string {
  return renderMarkdown(result.report, result.sections, result.delivery);
}
