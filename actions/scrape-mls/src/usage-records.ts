import { USAGE_SCHEMA_VERSION, type Usage } from '../../../shared/model/usage.js';
import type { CrawlStats } from './crawl-stats.js';
import { RENDER_MODES, type RenderMode } from './rendering-plan.js';
import type { CaptchaService } from './captcha.js';
import type { ProxyPool } from './proxy-pool.js';

/**
 * The shard's metered consumption: proxy traffic (GB) and pages through the proxy, each by how the
 * pages were loaded, and CAPTCHA solves.
 */
export function usageRecords(
  plan: { runId: string; proxies: ProxyPool; captcha: CaptchaService | null },
  zip: string,
  stats: CrawlStats,
  bytes: Record<RenderMode, number>,
): Usage[] {
  const base = {
    schemaVersion: USAGE_SCHEMA_VERSION,
    runId: plan.runId,
    action: 'scrape-mls',
    shard: zip,
    recordedAt: new Date().toISOString(),
  } as const;
  const usage: Usage[] = [];
  if (plan.proxies.enabled)
    for (const mode of RENDER_MODES) {
      usage.push({ ...base, service: 'proxy', unit: 'gb', quantity: bytes[mode] / 1e9, mode });
      const pages = stats.loads[mode];
      usage.push({ ...base, service: 'proxy', unit: 'request', quantity: pages, mode });
    }
  if (plan.captcha)
    usage.push({ ...base, service: 'captcha', unit: 'solve', quantity: stats.captchasSolved });
  return usage;
}
