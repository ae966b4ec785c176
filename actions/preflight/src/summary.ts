import type { CheckResult } from './check.js';
import type { PreflightResult } from './preflight.js';
import { markdownText } from '../../../shared/markdown.js';

const ICONS: Record<CheckResult['status'], string> = {
  pass: '✅ pass',
  warning: '⚠️ warning',
  error: '❌ error',
  skipped: '⏭️ skipped',
};

// Messages can carry a scraped or user-given value: keep it from breaking the table or the page.
const cell = (text: string): string => markdownText(text);

/** The step summary: the verdict, the plan, and a table of every check. */
export function preflightSummary(result: PreflightResult): string {
  const verdict =
    result.problems > 0
      ? `❌ ${result.problems} problem(s), ${result.warnings} warning(s): the run cannot start`
      : `✅ ready, ${result.warnings} warning(s)`;
  const rows = result.checks.map(
    (check) =>
      `| ${cell(check.name)} | ${ICONS[check.status]} | ${check.durationMs} ms | ${cell(check.message)} |`,
  );
  return [
    '## Preflight',
    '',
    verdict,
    '',
    '| Check | Status | Duration | Message |',
    '| --- | --- | ---: | --- |',
    ...rows,
    '',
  ].join('\n');
}

/** The failure message: every error at once, or undefined when there is none. */
export function preflightFailure(result: PreflightResult): string | undefined {
  const errors = result.checks.filter((check) => check.status === 'error');
  if (errors.length === 0) return undefined;
  return `${errors.length} problem(s): ${errors.map((check) => check.message).join('; ')}`;
}
