import { seededRandom } from '../county/random.js';
import type { SandboxParcel } from '../county/parcel-facts.js';

const CONDITIONS = ['Move-in ready', 'Well maintained', 'Needs some TLC', 'Immaculate'];
const LEVELS = ['Single-story floor plan', 'Two-story floor plan'];
const UPDATES = ['Kitchen updated', 'Remodeled', 'Renovated'];
const VIEWS = ['Mountain views', 'City lights views'];
const SOLAR = ['Owned solar', 'Leased solar'];

/**
 * The second part of a sandbox listing's remarks, as sellers write them: some of condition,
 * levels, an update and its year, the garage, HOA, solar and views, each stated plainly so that a
 * reader (the sandbox model, the rules extractor) can give the field. Drawn from a stream of its
 * own, so the listing's other draws stay as they were. Empty or a leading space and sentences.
 */
export function sandboxRemarks(
  seed: string,
  zip: string,
  index: number,
  parcel: SandboxParcel,
): string {
  const random = seededRandom(seed, 'remarks', zip, index);
  const parts: string[] = [];
  if (random.chance(0.5)) parts.push(random.pick(CONDITIONS));
  if (random.chance(0.6)) parts.push(random.pick(LEVELS));
  if (random.chance(0.35)) parts.push(`${random.pick(UPDATES)} in ${random.int(2008, 2024)}`);
  if (parcel.garageSpaces > 0 && random.chance(0.5))
    parts.push(`${parcel.garageSpaces}-car garage`);
  const hoa = random.next();
  if (hoa < 0.4) parts.push(`HOA $${random.int(3, 30) * 10}/mo`);
  else if (hoa < 0.7) parts.push('No HOA');
  if (random.chance(0.2)) parts.push(random.pick(SOLAR));
  if (random.chance(0.2)) parts.push(random.pick(VIEWS));
  return parts.length > 0 ? ` ${parts.join('. ')}.` : '';
}
