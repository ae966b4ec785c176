import { Agent, interceptors } from 'undici';
import type { Logger } from '../../../shared/logger.js';
import { USER_AGENT } from './session-http.js';

const MAX_ROBOTS_CHARS = 512_000;
const ROBOTS_TIMEOUT_MS = 15_000;

/** The Allow/Disallow rules of robots.txt that apply to every user agent (`*`). */
export interface RobotsRules {
  allow: string[];
  disallow: string[];
}

/** Parses robots.txt, keeping the groups for `*` (the scraper has no name of its own on the site). */
export function parseRobots(text: string): RobotsRules {
  const rules: RobotsRules = { allow: [], disallow: [] };
  let agents: string[] = [];
  let inRules = false;
  // The file is the site's: read no more of it than the 500 KiB crawlers are held to.
  for (const raw of text.slice(0, MAX_ROBOTS_CHARS).split(/\r?\n/)) {
    const line = raw.replace(/#.*/, '').trim();
    const match = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!match) continue;
    const field = (match[1] ?? '').toLowerCase();
    const value = (match[2] ?? '').trim();
    if (field === 'user-agent') {
      if (inRules) agents = [];
      inRules = false;
      agents.push(value);
      continue;
    }
    inRules = true;
    if (!agents.includes('*') || value === '') continue;
    if (field === 'allow') rules.allow.push(value);
    if (field === 'disallow') rules.disallow.push(value);
  }
  return rules;
}

/**
 * Whether a rule (`*` any characters, a final `$` the end) matches the start of `path`. Matched
 * piece by piece, each `*` taking the first place the next piece fits: the file is the site's,
 * and a rule such as `/*a*a*a*a*b` turned into a regular expression backtracks for minutes.
 */
export function ruleMatches(rule: string, path: string): boolean {
  const anchored = rule.endsWith('$');
  const pieces = (anchored ? rule.slice(0, -1) : rule).split('*');
  const first = pieces[0] ?? '';
  if (!path.startsWith(first)) return false;
  if (pieces.length === 1) return !anchored || path.length === first.length;
  let at = first.length;
  const last = pieces.length - 1;
  for (let index = 1; index < last; index += 1) {
    const found = path.indexOf(pieces[index] ?? '', at);
    if (found < 0) return false;
    at = found + (pieces[index] ?? '').length;
  }
  const tail = pieces[last] ?? '';
  if (!anchored) return path.indexOf(tail, at) >= 0;
  return path.length - tail.length >= at && path.endsWith(tail);
}

/** Whether robots.txt lets the scraper fetch `url`: the longest matching rule wins, Allow on a tie. */
export function robotsAllow(rules: RobotsRules, url: string): boolean {
  const parsed = new URL(url);
  const path = parsed.pathname + parsed.search;
  const longest = (list: string[]) =>
    list.reduce((most, rule) => (ruleMatches(rule, path) ? Math.max(most, rule.length) : most), -1);
  return longest(rules.allow) >= longest(rules.disallow);
}

/** The site's robots.txt rules; none when it has none or cannot be read (with a warning). */
export async function fetchRobots(baseUrl: string, logger: Logger): Promise<RobotsRules> {
  // Plain HTTP through a pool of its own, closed after: no browser is needed to read a text file.
  const agent = new Agent({ connect: { timeout: ROBOTS_TIMEOUT_MS } });
  try {
    const response = await agent.compose(interceptors.redirect({ maxRedirections: 5 })).request({
      ...originAndPath(new URL('/robots.txt', baseUrl)),
      method: 'GET',
      headers: { 'user-agent': USER_AGENT },
      headersTimeout: ROBOTS_TIMEOUT_MS,
      bodyTimeout: ROBOTS_TIMEOUT_MS,
    });
    if (response.statusCode >= 400) {
      await response.body.dump();
      return { allow: [], disallow: [] };
    }
    const rules = parseRobots(await robotsText(response.body));
    logger.info(`robots.txt: ${rules.disallow.length} disallowed path(s)`);
    return rules;
  } catch (error) {
    logger.warning(`robots.txt unavailable (${(error as Error).message.split('\n')[0]}); going on`);
    return { allow: [], disallow: [] };
  } finally {
    await agent.destroy();
  }
}

function originAndPath(url: URL): { origin: string; path: string } {
  return { origin: url.origin, path: `${url.pathname}${url.search}` };
}

/** The start of the file, as much as `parseRobots` reads; the rest is not downloaded. */
async function robotsText(body: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    // Leaving the loop destroys the body.
    if (size >= MAX_ROBOTS_CHARS * 4) break;
  }
  return Buffer.concat(chunks).toString('utf8');
}
