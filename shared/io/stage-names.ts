import type { ArtifactClient } from '@actions/artifact';
import { ConfigurationError } from '../errors.js';
import type { Logger } from '../logger.js';
import { clientFailure } from './artifact.js';

/** `county-parcels-*` style: `*` matches any run of characters, everything else literally. */
function artifactPattern(pattern: string): RegExp {
  const parts = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`);
}

/** The artifacts of this run that `patterns` name, and the patterns that named none. */
export interface MatchedArtifacts {
  /** Artifact names, in the order of the patterns that matched them, each once. */
  names: string[];
  /** Patterns (or exact names) that matched no artifact of the run. */
  unmatched: string[];
}

/**
 * Lists this run's artifacts and picks those that `patterns` name (`*` matches any characters).
 * A shard that failed before uploading simply has no artifact, so a pattern stands for whatever
 * the shards that finished left.
 */
export async function matchArtifacts(
  client: ArtifactClient,
  patterns: readonly string[],
): Promise<MatchedArtifacts> {
  if (patterns.length === 0) return { names: [], unmatched: [] };
  let available: string[];
  try {
    available = (await client.listArtifacts({ latest: true })).artifacts.map((a) => a.name);
  } catch (error) {
    throw clientFailure("listing the run's artifacts", error);
  }
  const names = new Set<string>();
  const unmatched: string[] = [];
  for (const pattern of patterns) {
    const matcher = artifactPattern(pattern);
    const matched = available.filter((name) => matcher.test(name)).sort();
    if (matched.length === 0) unmatched.push(pattern);
    for (const name of matched) names.add(name);
  }
  return { names: [...names], unmatched };
}

/**
 * Expands stage names against the run's artifacts. With `requiredBy` (the input that named them),
 * a `*` pattern that matches nothing is a stage that did not run (a warning), while an exact name
 * that is missing, or nothing at all to read, is a ConfigurationError naming the input. Without
 * it, what matched nothing is only returned in `unmatched`.
 */
export async function expandStageNames(
  client: ArtifactClient,
  entries: readonly string[],
  requiredBy: string | undefined,
  logger: Logger,
): Promise<MatchedArtifacts> {
  const matched = await matchArtifacts(client, entries);
  if (requiredBy === undefined) return matched;
  const { names, unmatched } = matched;
  const exact = unmatched.filter((entry) => !entry.includes('*'));
  if (exact.length > 0) {
    throw new ConfigurationError(
      `input '${requiredBy}': this run has no artifact ${exact.map((name) => `'${name}'`).join(', ')}`,
    );
  }
  if (unmatched.length > 0) {
    logger.warning(
      `no artifact of this run matches ${unmatched.join(', ')} (a stage that did not run)`,
    );
  }
  if (names.length === 0) {
    throw new ConfigurationError(
      `input '${requiredBy}': no artifact of this run matches ${entries.join(', ')}; nothing to read`,
    );
  }
  return matched;
}
