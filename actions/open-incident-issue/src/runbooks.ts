import type { Scenario } from './scenario.js';

/** What to do about one failure scenario, in the operations guide's four parts. */
export interface Runbook {
  title: string;
  symptoms: string[];
  immediate: string[];
  resolution: string[];
  prevention: string[];
}

/**
 * Runbooks written from the operations guide's incident procedures (database, LLM, budget) and,
 * in the same shape, for the failures this pipeline meets that the guide did not list.
 */
export const RUNBOOKS: Record<Scenario, Runbook> = {
  'database-unreachable': {
    title: 'Database connection failure',
    symptoms: [
      'MongoDB connection timeouts, server selection errors or authentication failures',
      'store-mongo failing consistently; nothing new in the `property` collection',
    ],
    immediate: [
      'Check the MongoDB service (Atlas status page or the server) and that it accepts connections',
      'Check the `MONGODB_URI` secret: host, user, password, database; rotate it if it leaked',
      'Check the Atlas network access list allows GitHub-hosted runners',
      'Read the database logs for the error pattern of this run',
    ],
    resolution: [
      'Restart the database service or resume a paused Atlas cluster',
      'Re-run the failed jobs: stage artifacts are kept, so store-mongo resumes from them',
      'Switch `MONGODB_URI` to a backup database if the primary stays down',
      'After recovery, check the integrity report of store-mongo (counts, duplicate keys)',
    ],
    prevention: [
      'Keep the connection health check at the start of the nightly run',
      'Watch Atlas storage (M0 is 512 MB) and connection limits',
      'Validate the maintenance workflow backups regularly',
    ],
  },
  'llm-down': {
    title: 'LLM processing service failure',
    symptoms: [
      'Ollama unavailable or not answering; enrichment requests timing out',
      'Model loading failures or out-of-memory errors; enrichment falling back to rules',
    ],
    immediate: [
      'Check that `ollama serve` started in the job and answers on `/api/tags`',
      'Check the model (`llama3.2:latest`) is present and the model cache restored',
      'Check the runner memory and CPU in the job log',
      'Try one small request against the service',
    ],
    resolution: [
      'Restart Ollama and pull the model again; clear a corrupted model cache',
      'Lower the batch size or `num_ctx` if memory runs out',
      'Let the rules extractor carry the night: enrichment records say which method made them',
    ],
    prevention: [
      'Keep the health check and model pull before enrichment',
      'Keep the model folder in the Actions cache',
      'Keep the rules fallback tested',
    ],
  },
  'budget-exceeded': {
    title: 'Cost budget exceeded',
    symptoms: [
      'Month-to-date cost over 95 % of the $25 budget, or a projection above it',
      'An unexpected spike in daily cost; usage of a service beyond its plan',
    ],
    immediate: [
      'Stop non-essential collection: check-budget already gates the scraper and LLM jobs',
      'Read the cost breakdown in the budget summary and find the service that spiked',
      'Apply emergency controls: fewer ZIPs or runs, no proxies or CAPTCHA solving',
      'Tell the budget owner',
    ],
    resolution: [
      'Cut the usage that spiked (rate limits, batch sizes, retries)',
      'Switch to free alternatives (rules instead of LLM, county data only)',
      'Change service plans if the budget no longer fits the workload',
    ],
    prevention: [
      'Keep the 60/80/95 % budget levels and the daily projection',
      'Review cost per property weekly (target under $0.01)',
    ],
  },
  'county-auth-refused': {
    title: 'County API refusing authentication',
    symptoms: [
      'Every Assessor API request answered with "Unauthorized access" (HTTP 500 text/html)',
      'collect-county stops at its first requests; no parcels collected',
    ],
    immediate: [
      'Check the county API token secret is set for this workflow and not expired',
      'Try one request with the token by hand (header `AUTHORIZATION: <token>`)',
      'Do not rerun in a loop: a refused token will not pass by retrying',
    ],
    resolution: [
      'Ask the Assessor for a new token through its contact form and update the secret',
      'Re-run the collection: it resumes from parcels already collected',
    ],
    prevention: [
      'Keep the token in one secret, never in workflow files',
      "Note the token's issue date and renew before it lapses",
    ],
  },
  'listing-site-blocking': {
    title: 'Listing site blocking the scraper',
    symptoms: [
      'HTTP 403/429, CAPTCHA or WAF challenge pages instead of listings',
      'Listing counts drop to near zero while the county collection is normal',
    ],
    immediate: [
      'Open the failure snapshots in the scrape-mls artifact to see what the site served',
      'Check the proxy pool (valid proxies, cooldowns) and the CAPTCHA solver balance',
      'Slow down: lower requests per minute and max-parallel of the scrape matrix',
    ],
    resolution: [
      'Rotate to fresh proxies; retire sessions that were blocked',
      'Update the selectors file if the page structure changed',
      'Skip the listing source for a night: county data still flows',
    ],
    prevention: [
      'Keep the politeness limits (at least 3.6 s between requests per site)',
      'Watch the block rate in run-stats and raise an incident before it reaches zero listings',
    ],
  },
  'source-outage': {
    title: 'Data source outage',
    symptoms: [
      'The county API or the listing site answering 5xx, timing out or refusing connections on every request',
      'A collection shard failing with nothing collected after a preflight that passed',
    ],
    immediate: [
      "Check the source by hand from a browser or curl: is it down for everyone, or only for the runners' addresses?",
      'Read the error classes in the shard summary: server (5xx), network or timeout',
      'Do not re-run in a loop: the shard keeps what it had and tomorrow continues from it',
    ],
    resolution: [
      'Wait for the source to come back; re-run the failed shards once it answers',
      'If only the runners are refused, rotate proxies (listing site) or contact the Assessor (county)',
    ],
    prevention: [
      'Keep the time budget and checkpoints so a partial night keeps what it collected',
      'Watch the success-rate incidents: a source that degrades before it fails shows there first',
    ],
  },
  'missed-nightly-run': {
    title: 'Nightly run missed',
    symptoms: [
      'No data-collection run started at 10:00 UTC (3:00 AM Phoenix), or it never finished',
      'No report email by 8:00 AM Phoenix',
    ],
    immediate: [
      'Open the Actions tab: is the workflow disabled, queued or cancelled?',
      'Start the run by hand with workflow_dispatch',
      'Check the GitHub status page for Actions incidents',
    ],
    resolution: [
      'Re-enable the workflow if GitHub disabled it (60 days without repository activity)',
      'Check the `concurrency` group did not cancel the run',
    ],
    prevention: [
      'Keep the watchdog workflow; keep the repository active',
      'Do not put two workflows on the same cron',
    ],
  },
  other: {
    title: 'Pipeline failure',
    symptoms: ['A pipeline job failed; see what failed above'],
    immediate: [
      'Assess scope and impact: which ZIPs, stages and data are affected',
      'Stop non-essential processes if data is at risk; collected artifacts are kept',
      'Collect the job logs and artifacts of the run',
    ],
    resolution: [
      'Find the root cause in the logs and error classes',
      'Fix or work around it, re-run the failed jobs and check the run succeeds',
    ],
    prevention: ['Write down the root cause and what would have caught it earlier'],
  },
};
