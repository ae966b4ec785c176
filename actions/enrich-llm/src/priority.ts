import { inputDigest, type Subject } from './subjects.js';

/**
 * Why a property is sent to the model, most valuable first: it waited since an earlier night
 * (`carried`), the model never read it (`new`), its listing changed since the model read it
 * (`changed`), or only the model or prompt changed (`refresh`).
 */
export const TIERS = ['carried', 'new', 'changed', 'refresh'] as const;
export type Tier = (typeof TIERS)[number];

/** A subject with its tier. */
export interface RankedSubject {
  subject: Subject;
  tier: Tier;
}

/**
 * Orders the subjects the caches do not answer by value: carried ones first (the longest waiting
 * first), then new, changed, and refreshes; key order within a tier, as the subjects come.
 * `carriedSince` is the carried keys with when they were first carried; `readBefore` what the
 * caches know the model read (see `ExtractionCache.readBefore`).
 */
export function orderByValue(
  subjects: readonly Subject[],
  carriedSince: ReadonlyMap<string, string>,
  readBefore: ReadonlyMap<string, string | null>,
): RankedSubject[] {
  const tierOf = (subject: Subject): Tier => {
    if (carriedSince.has(subject.key)) return 'carried';
    if (!readBefore.has(subject.key)) return 'new';
    return readBefore.get(subject.key) === inputDigest(subject) ? 'refresh' : 'changed';
  };
  const ranked = subjects.map((subject, index) => ({ subject, tier: tierOf(subject), index }));
  const since = (entry: (typeof ranked)[number]) => carriedSince.get(entry.subject.key) ?? '';
  ranked.sort(
    (a, b) =>
      TIERS.indexOf(a.tier) - TIERS.indexOf(b.tier) ||
      (since(a) < since(b) ? -1 : since(a) > since(b) ? 1 : 0) ||
      a.index - b.index,
  );
  return ranked.map(({ subject, tier }) => ({ subject, tier }));
}
