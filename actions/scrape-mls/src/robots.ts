import type { Browser } from 'playwright-core';
import type { Logger } from '../../../shared/logger.js';
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
  for (const raw of text.split(/\r?\n/)) {
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

function matches(rule: string, path: string): boolean {
  const pattern = rule
    .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\\\$$/, '$');
  return new RegExp(`^${pattern}`).test(path);
}

/** Whether robots.txt lets the scraper fetch `url`: the longest matching rule wins, Allow on a tie. */
export function robotsAllow(rules: RobotsRules, url: string): boolean {
  const parsed = new URL(url);
  const path = parsed.pathname + parsed.search;
  const longest = (list: string[]) =>
    Math.max(-1, ...list.filter((rule) => matches(rule, path)).map((rule) => rule.length));
  return longest(rules.allow) >= longest(rules.disallow);
}

/** The site's robots.txt rules; none when it has none or cannot be read (with a warning). */
export async function fetchRobots(
  browser: Browser,
  baseUrl: string,
  logger: Logger,
): Promise<RobotsRules> {
  const context = await browser.newContext();
  try {
    const response = await context.request.get(new URL('/robots.txt', baseUrl).href, {
      timeout: 15_000,
    });
    if (response.status() >= 400) return { allow: [], disallow: [] };
    const rules = parseRobots(await response.text());
    logger.info(`robots.txt: ${rules.disallow.length} disallowed path(s)`);
    return rules;
  } catch (error) {
    logger.warning(`robots.txt unavailable (${(error as Error).message.split('\n')[0]}); going on`);
    return { allow: [], disallow: [] };
  } finally {
    await context.close();
  }
}
