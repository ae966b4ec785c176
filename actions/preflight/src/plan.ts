import type { PreflightInputs } from './inputs.js';

/** What the run will do: the matrix and the switches later jobs read. */
export interface RunPlan {
  /** ZIP codes, unique, in ascending order (stable shard and artifact names). */
  zips: string[];
  county: boolean;
  mls: boolean;
  /** `incremental` or `full`; `test` becomes `full`. */
  mode: 'incremental' | 'full';
  maxParcels: number;
}

/** The plan, or the problems that keep it from being made (each names the input and value). */
export type PlanOutcome = { plan: RunPlan; problems: [] } | { plan: undefined; problems: string[] };

const SOURCES = ['county', 'mls'];
const MODES = ['incremental', 'full', 'test'];

/**
 * Plans the run from the planning inputs. Maricopa County ZIPs all start with 85, so anything
 * else is a typo; `test` mode means a full pass over at most 5 parcels per ZIP.
 */
export function planRun(inputs: PreflightInputs): PlanOutcome {
  const problems: string[] = [];
  const zips = [...new Set(inputs.zipCodes.split(/[\s,]+/).filter((zip) => zip !== ''))].sort();
  if (zips.length === 0) problems.push("input 'zip-codes': expected at least one ZIP code");
  for (const zip of zips) {
    if (!/^85\d{3}$/.test(zip))
      problems.push(`input 'zip-codes': '${zip}' is not a 5-digit Maricopa County ZIP (85xxx)`);
  }
  const sources = inputs.sources.split(/[\s,]+/).filter((source) => source !== '');
  for (const source of sources) {
    if (!SOURCES.includes(source))
      problems.push(`input 'sources': '${source}' is not a source; expected county, mls or both`);
  }
  if (sources.length === 0) problems.push("input 'sources': expected county, mls or both");
  if (!MODES.includes(inputs.mode))
    problems.push(`input 'mode': expected incremental, full or test, got '${inputs.mode}'`);
  if (!/^\d+$/.test(inputs.maxParcels))
    problems.push(`input 'max-parcels': expected a whole number, got '${inputs.maxParcels}'`);
  if (problems.length > 0) return { plan: undefined, problems };
  const test = inputs.mode === 'test';
  return {
    plan: {
      zips,
      county: sources.includes('county'),
      mls: sources.includes('mls'),
      mode: test || inputs.mode === 'full' ? 'full' : 'incremental',
      maxParcels: test ? 5 : Number(inputs.maxParcels),
    },
    problems: [],
  };
}
