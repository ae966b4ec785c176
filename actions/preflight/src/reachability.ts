import { parseSmtpUrl } from '../../../shared/smtp-url.js';
import { checkCaptchaBalance } from './captcha-check.js';
import { fail, skip, type CheckOutcome, type CheckSpec } from './check.js';
import { checkCountyApi } from './county-check.js';
import { checkDatabase } from './database-check.js';
import type { PreflightInputs } from './inputs.js';
import { checkListingSite } from './listing-site-check.js';
import { checkOllama } from './ollama-check.js';
import type { RunPlan } from './plan.js';
import { secretLabel, type SecretInput } from './secrets.js';
import { checkSmtp } from './smtp-check.js';

/** Whether a secret passed its shape check, so that only well-formed ones are tried. */
export type ShapeOk = (input: SecretInput) => boolean;

/** A check of a server at a URL input: a malformed URL is an error of its own, nothing is fetched. */
function urlCheck(
  spec: Omit<CheckSpec, 'run'>,
  input: string,
  value: string,
  run: (signal: AbortSignal) => Promise<CheckOutcome>,
): CheckSpec {
  const ok = /^https?:\/\/[^\s/?#]+/.test(value) && URL.canParse(value);
  const problem = `input '${input}': expected an http(s) URL such as https://host.example, got '${value}'`;
  return { ...spec, run: ok ? run : () => Promise.resolve(fail(problem)) };
}

const skipped = (name: string, why: string): CheckSpec => ({
  name,
  subject: name,
  onTimeout: 'warning',
  run: () => Promise.resolve(skip(why)),
});

/**
 * The reachability checks for what is configured, well-formed and used by this run. `onOllama`
 * learns whether Ollama answered. Inner timeouts are a little shorter than the check's, so that a
 * client's own reason (refused login, no server selected) wins over the bare timeout.
 */
export function reachabilityChecks(
  inputs: PreflightInputs,
  plan: RunPlan | undefined,
  shapeOk: ShapeOk,
  onOllama: (reachable: boolean) => void,
): CheckSpec[] {
  const innerMs = Math.max(inputs.timeoutSeconds * 1000 - 500, inputs.timeoutSeconds * 800);
  const county = plan?.county ?? true;
  const mls = plan?.mls ?? true;
  const checks: CheckSpec[] = [];
  if (inputs.mongodbUri !== '' && shapeOk('mongodb-uri'))
    checks.push({
      name: 'database reachable',
      subject: `${secretLabel('mongodb-uri')}: database`,
      onTimeout: 'error',
      run: () => checkDatabase(inputs.mongodbUri, inputs.database, innerMs),
    });
  if (!county) checks.push(skipped('county API reachable', 'county not collected in this run'));
  else if (inputs.countyApiToken !== '' && shapeOk('county-api-token'))
    checks.push(
      urlCheck(
        { name: 'county API reachable', subject: 'county API', onTimeout: 'error' },
        'county-api-url',
        inputs.countyApiUrl,
        (signal) =>
          checkCountyApi(
            inputs.countyApiUrl,
            inputs.countyApiToken,
            plan?.zips[0] ?? '85031',
            signal,
          ),
      ),
    );
  const smtp = parseSmtpUrl(inputs.smtpUrl);
  if (inputs.smtpUrl !== '' && typeof smtp !== 'string' && shapeOk('smtp-url'))
    checks.push({
      name: 'SMTP server reachable',
      subject: `${secretLabel('smtp-url')}: SMTP server`,
      onTimeout: 'error',
      run: () => checkSmtp(smtp, innerMs),
    });
  if (!mls) checks.push(skipped('listing site reachable', 'listings not collected in this run'));
  else if (inputs.listingSiteUrl !== '')
    checks.push(
      urlCheck(
        { name: 'listing site reachable', subject: 'listing site', onTimeout: 'warning' },
        'listing-site-url',
        inputs.listingSiteUrl,
        (signal) => checkListingSite(inputs.listingSiteUrl, signal),
      ),
    );
  if (mls && inputs.captchaApiKey !== '' && shapeOk('captcha-api-key'))
    checks.push(
      urlCheck(
        { name: 'CAPTCHA balance', subject: 'CAPTCHA service', onTimeout: 'warning' },
        'captcha-service-url',
        inputs.captchaServiceUrl,
        (signal) => checkCaptchaBalance(inputs.captchaServiceUrl, inputs.captchaApiKey, signal),
      ),
    );
  if (inputs.ollamaHost === '')
    checks.push(
      skipped('Ollama reachable', 'no ollama-host: the enrichment job starts its own Ollama'),
    );
  else
    checks.push(
      urlCheck(
        {
          name: 'Ollama reachable',
          subject: 'Ollama (enrichment falls back to rules)',
          onTimeout: 'warning',
        },
        'ollama-host',
        inputs.ollamaHost,
        async (signal) => {
          const outcome = await checkOllama(inputs.ollamaHost, inputs.ollamaModel, signal);
          onOllama(outcome.reachable);
          return outcome;
        },
      ),
    );
  return checks;
}
