import { projectionText } from './budget.js';
import type { CheckBudgetResult } from './check-budget.js';

/** `$0.0042` below a cent, `$12.35` above. */
export function dollars(amount: number): string {
  return amount !== 0 && Math.abs(amount) < 0.01
    ? `$${amount.toFixed(4)}`
    : `$${amount.toFixed(2)}`;
}

// Rate-card names are the user's text: keep them from breaking the table.
function cell(text: string): string {
  return text.replace(/[|\\<>]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');
}

/** A 20-character bar of how much of the budget is spent, capped at full. */
export function budgetBar(utilization: number): string {
  const filled = Math.min(20, Math.max(0, Math.round(utilization * 20)));
  return `${'█'.repeat(filled)}${'░'.repeat(20 - filled)}`;
}

function runTable(result: CheckBudgetResult): string[] {
  const run = result.run;
  if (!run) return ['The gate reads the ledger only; this run is priced at the record stage.'];
  const rows = run.lines.map(
    (line) =>
      `| ${cell(line.service)} | ${cell(line.item)} | ${line.quantity} ${line.unit} | ${dollars(line.price)} per ${line.per === 1 ? '' : `${line.per} `}${line.unit}${line.metered !== false ? '' : ` (flat plan: ${dollars((line.quantity / line.per) * line.price)} if metered)`} | ${dollars(line.cost)} |`,
  );
  const notes = [
    ...(run.jobsProblem ? [`- Actions minutes not counted: ${cell(run.jobsProblem)}.`] : []),
    ...(run.jobs === undefined && !run.jobsProblem
      ? ['- Actions minutes not read: no github-token given.']
      : []),
    ...(run.missingArtifacts.length
      ? [`- Usage artifacts not found: ${run.missingArtifacts.map(cell).join(', ')}.`]
      : []),
  ];
  return [
    `### This run: ${dollars(result.runCost)}`,
    '',
    '| service | item | units | unit price | cost |',
    '| --- | --- | --- | --- | --- |',
    ...(rows.length ? rows : ['| (no usage) | | 0 | | $0.00 |']),
    '',
    ...notes,
  ];
}

/** The step summary: the run's cost per service, month to date against the budget, gates. */
export function budgetSummary(result: CheckBudgetResult): string {
  const { status } = result;
  const breakdown = Object.entries(status.breakdown)
    .sort(([, a], [, b]) => b - a)
    .map(([service, cost]) => `| ${cell(service)} | ${dollars(cost)} |`);
  const perProperty =
    result.propertyCount > 0
      ? `${dollars(result.costPerProperty)} over ${result.propertyCount} properties`
      : 'n/a (no property count given)';
  return [
    `## Budget: ${status.level}${result.dryRun ? ' (dry run)' : ''}`,
    '',
    `\`${budgetBar(status.utilization)}\` ${dollars(status.monthToDate)} of ${dollars(status.budget)} (${(status.utilization * 100).toFixed(1)} %) in ${status.month}, Phoenix time`,
    '',
    `- Projected: ${projectionText(status)}`,
    `- Today: ${dollars(status.today)}; runs this month: ${status.runs}`,
    `- Cost per property: ${perProperty}`,
    `- Scraping: ${status.allowScrape ? 'allowed' : '**off**'}; LLM enrichment: ${status.allowLlm ? 'allowed' : '**off**'}`,
    ...(status.severity !== 'none'
      ? [
          `- Over budget by ${status.overBudgetPercent.toFixed(1)} %: severity **${status.severity}**`,
        ]
      : []),
    `- Ledger: ${result.ledger ? cell(result.ledger) : 'none (this run only)'}; rate card ${cell(result.rateCardVersion)}`,
    '',
    ...runTable(result),
    '',
    '### Month to date by service',
    '',
    '| service | cost |',
    '| --- | --- |',
    ...breakdown,
    '',
  ].join('\n');
}
