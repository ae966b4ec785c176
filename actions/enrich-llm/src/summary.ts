import type { EnrichOutcome } from './enrich.js';
import { outputTokensPerProperty } from './stage-output.js';
import type { SubjectCounts } from './subjects.js';
import { markdownText } from '../../../shared/markdown.js';

/** What the summary shows about a run. */
export interface SummaryFacts {
  model: string;
  fallback: string;
  subjects: SubjectCounts;
  outcome: EnrichOutcome;
  artifactName: string;
  dir: string;
}

/** Text of a failure reason fit for a Markdown table cell. */
const cell = (text: string): string => markdownText(text, 200);

/** The step summary: status line, counts table, and why the model was not used where it was not. */
export function enrichSummary(facts: SummaryFacts): string {
  const { outcome } = facts;
  const status = outcome.gated
    ? `LLM off (budget gate): the rules extractor enriched ${outcome.rulesExtracted} properties.`
    : outcome.degraded
      ? `**Degraded**: ${outcome.fallbackCount} properties went to the \`${facts.fallback}\` fallback instead of ${facts.model}.`
      : `All properties enriched by ${facts.model} or the cache.`;
  const carried =
    outcome.carried.length > 0
      ? `**Partial**: ${cell(outcome.stopped ?? (outcome.gated ? 'the budget gate is closed' : 'stopped'))}; ${outcome.carried.length} properties carried to the next night (no record, the model reads them first next time).`
      : undefined;
  const timedOut =
    outcome.timedOut > 0
      ? `**Warning**: ${outcome.timedOut} properties went to the \`${facts.fallback}\` fallback because the model's call timed out.`
      : undefined;
  const rows: Array<[string, number | string]> = [
    ['listings read', facts.subjects.listings],
    ['listings without description', facts.subjects.noDescription],
    ['enriched', outcome.records.length],
    ['from the cache', outcome.cacheHits],
    ['by the model', outcome.llmExtracted],
    ['by rules', outcome.rulesExtracted],
    ['skipped', outcome.skipped],
    ['invalid after retry', outcome.invalid],
    ['LLM calls', outcome.stats.calls],
    ['tokens in / out', `${outcome.stats.tokensIn} / ${outcome.stats.tokensOut}`],
    ['output tokens per property', outputTokensPerProperty(outcome)],
    ['fallback after a timeout', outcome.timedOut],
    ['carried from earlier nights', outcome.carriedIn],
    ['carried to the next night', outcome.carried.length],
  ];
  const lines = [
    '### Enrichment',
    '',
    status,
    ...[carried, timedOut].flatMap((line) => (line ? ['', line] : [])),
    '',
    '| | |',
    '| --- | ---: |',
    ...rows.map(([name, value]) => `| ${name} | ${value} |`),
    '',
    facts.artifactName
      ? `Artifact \`${facts.artifactName}\`.`
      : `Written to \`${facts.dir}\` (not uploaded).`,
  ];
  if (outcome.unavailable) lines.push('', `Model unavailable: ${cell(outcome.unavailable)}`);
  if (outcome.failureSamples.length > 0 && !outcome.unavailable) {
    lines.push('', '| property | why the model was not used |', '| --- | --- |');
    lines.push(
      ...outcome.failureSamples.map((sample) => {
        const [key = '', ...reason] = sample.split(': ');
        return `| ${cell(key)} | ${cell(reason.join(': '))} |`;
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}
