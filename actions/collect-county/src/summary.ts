import type { CollectResult } from './collect.js';
import { collectFailure } from './outcome.js';
import type { ShardResult } from './shard-result.js';
import { markdownText } from '../../../shared/markdown.js';

const number = (value: number): string => value.toLocaleString('en-US');

function elapsed(ms: number): string {
  const seconds = ms / 1000;
  return seconds < 90 ? `${seconds.toFixed(1)} s` : `${(seconds / 60).toFixed(1)} min`;
}

/** Requests per hour actually achieved over the shard's wall-clock time. */
export function effectiveRate(shard: Pick<ShardResult, 'requests' | 'elapsedMs'>): number {
  return shard.elapsedMs > 0 ? Math.round((shard.requests * 3_600_000) / shard.elapsedMs) : 0;
}

function cycleLine(shard: ShardResult): string | null {
  if (shard.cycle === null) return null;
  const { listed, neverSeen, active, oldestLastSeen } = shard.cycle;
  const share = listed === 0 ? 100 : Math.round(((listed - neverSeen) * 100) / listed);
  const oldest = oldestLastSeen ? `, the stalest refreshed ${oldestLastSeen.slice(0, 10)}` : '';
  const activity = active > 0 ? `; ${number(active)} with listing activity went first` : '';
  return `- ${shard.zip}: refresh cycle at ${share} % (${number(listed - neverSeen)} of ${number(listed)} parcels collected before this run${oldest})${activity}; ${number(shard.skipped)} wait for later runs`;
}

/** Coverage after tonight and the nights a full refresh takes at this pace. */
function coverageLine(shard: ShardResult): string | null {
  const coverage = shard.coverage;
  if (coverage === null) return null;
  const pace =
    coverage.perNight === null
      ? 'no request budget (no rate limit or no time budget): every due parcel is tried each run'
      : `at ${number(coverage.perNight)} parcels a night a full refresh takes ${number(coverage.cycleNights)} nights; ${number(coverage.nightsLeft)} until every parcel is fresh`;
  const index =
    coverage.indexPagesLeft !== null && coverage.indexPagesLeft > 0
      ? ` (the parcel index is still being built: about ${number(coverage.indexPagesLeft)} search pages left, so more parcels will be known)`
      : '';
  return `- ${shard.zip}: ${number(coverage.fresh)} of ${number(coverage.known)} known parcels fresh (refreshed within ${coverage.freshDays} days), ${number(coverage.collected)} ever collected; ${pace}${index}`;
}

/** Tonight's request budget and how the search used it. */
function planLine(shard: ShardResult): string | null {
  if (shard.searchNote === null) return null;
  const budget =
    shard.requestBudget === null ? 'no request budget' : `${number(shard.requestBudget)} requests`;
  return `- ${shard.zip}: ${budget}; search: ${markdownText(shard.searchNote)} (${number(shard.searchPages)} pages)`;
}

/** The step summary: per ZIP found / fetched / failed / skipped, requests, time and rate; partial runs say so. */
export function collectSummary(result: CollectResult): string {
  const complete = result.shards.every((shard) => shard.complete);
  const failed = result.shards.reduce((total, shard) => total + shard.failed, 0);
  const rows = result.shards.map(
    (shard) =>
      `| ${shard.zip} | ${number(shard.found)} | ${number(shard.fetched)} | ${number(shard.resumed)} | ${number(shard.failed)} | ${number(shard.skipped)} | ${number(shard.parcels)} | ${number(shard.requests)} | ${elapsed(shard.elapsedMs)} | ${number(effectiveRate(shard))}/h |`,
  );
  const notes = result.shards
    .filter((shard) => shard.note !== null)
    .map((shard) => `- ${shard.zip}: ${markdownText(shard.note ?? '')}`);
  const cycles = result.shards.map(cycleLine).filter((line) => line !== null);
  const coverage = result.shards.map(coverageLine).filter((line) => line !== null);
  const plans = result.shards.map(planLine).filter((line) => line !== null);
  const where = result.artifactName
    ? `Artifacts: ${result.shards.map((shard) => `\`${shard.artifact}\``).join(', ')}.`
    : `Stage folders written to \`${result.outDir}\`${result.dryRun ? ' (dry run: nothing uploaded)' : ' (no artifact service: not uploaded)'}.`;
  const failure = collectFailure(result);
  return [
    `## County parcels (${result.mode})`,
    '',
    ...(failure === undefined ? [] : [`**Failed**: ${markdownText(failure)}`, '']),
    complete
      ? failed === 0
        ? 'Complete.'
        : `Complete, but ${number(failed)} parcels could not be collected after retries; the next run tries them again.`
      : '**Partial run**: stopped before the work was done (why is below); what was collected is in the artifacts, and the next run continues (or resume with `resume-from`).',
    '',
    '| ZIP | found | fetched | kept | failed | skipped | in artifact | requests | elapsed | rate |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    ...(notes.length > 0 ? [...notes, ''] : []),
    ...(plans.length > 0 ? ['Plan:', ...plans, ''] : []),
    ...(cycles.length > 0 ? ['Incremental refresh:', ...cycles, ''] : []),
    ...(coverage.length > 0 ? ['Coverage:', ...coverage, ''] : []),
    where,
    '',
  ].join('\n');
}
