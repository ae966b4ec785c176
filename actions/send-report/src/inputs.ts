import { z } from 'zod';
import {
  choiceInput,
  dryRunInput,
  integerInput,
  listInput,
  mongodbUriInput,
  stringInput,
} from '../../../shared/inputs.js';
import { databaseInput } from '../../../shared/db/database-input.js';
import { repositoryInput } from '../../../shared/github/repository.js';

const KINDS = ['daily', 'weekly', 'monthly'] as const;

/** Most recipients one report goes to (the operations guide's limit). */
export const MAX_RECIPIENTS = 10;

const EMAIL = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;

/** Whether `value` is a bare email address such as ops@example.com. */
export const isEmailAddress = (value: string): boolean => EMAIL.test(value);
const email = z.string().regex(EMAIL, 'expected an email address such as ops@example.com');

/** One job of the workflow and how it ended (`success`, `failure`, `cancelled`, `skipped`). */
export interface JobOutcome {
  name: string;
  result: string;
}

/** `{"plan": {"result": "failure", "outputs": {...}}, ...}` as a list, or undefined if not that. */
function parseJobs(text: string): JobOutcome[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const jobs: JobOutcome[] = [];
  for (const [name, job] of Object.entries(value)) {
    const result = (job as { result?: unknown } | null)?.result;
    if (typeof result !== 'string') return undefined;
    jobs.push({ name, result });
  }
  return jobs;
}

/** Inputs of send-report. */
export const sendReportInputs = z.object({
  /** Report period: `daily`, `weekly` or `monthly`. */
  kind: choiceInput(KINDS, 'daily').pipe(z.enum(KINDS)),
  /** `smtps://`, `smtp://` (STARTTLS required) or `smtp+insecure://` URL with credentials; a secret. */
  smtpUrl: stringInput().refine(
    (value) => value === '' || /^smtp(s|\+starttls|\+insecure)?:\/\//.test(value),
    {
      message:
        'expected a URL starting with smtps://, smtp:// (STARTTLS required) or smtp+insecure:// (no TLS required)',
    },
  ),
  /** SMTP host when no `smtp-url` is given. */
  smtpHost: stringInput(),
  /** SMTP port: 465 is implicit TLS, any other port requires STARTTLS. */
  smtpPort: integerInput({ default: 587, min: 1, max: 65_535 }),
  /** SMTP user name. */
  smtpUsername: stringInput(),
  /** SMTP password; a secret. */
  smtpPassword: stringInput(),
  /** Sender address; default the SMTP login when that is an email address. */
  from: stringInput().refine((value) => value === '' || EMAIL.test(value.replace(/^.*<|>$/g, '')), {
    message: 'expected an email address, optionally as "Name <ops@example.com>"',
  }),
  /** Recipients, at most MAX_RECIPIENTS. */
  to: listInput(email).refine((list) => list.length <= MAX_RECIPIENTS, {
    message: `expected at most ${MAX_RECIPIENTS} recipients`,
  }),
  /** Stage artifacts (folders outside a runner) whose run-stats and usage describe the run. */
  runResults: listInput(z.string().min(1)),
  /** MongoDB for the run ledger, trends and market view; a secret. */
  mongodbUri: mongodbUriInput,
  /** Database; empty: the connection string's, else `phx_property` (see `resolveDatabase`). */
  database: databaseInput,
  /** check-budget outputs as JSON (`toJSON(steps.budget.outputs)`). */
  budget: stringInput(),
  /**
   * The workflow's jobs and how they ended (`toJSON(needs)`): a failed or cancelled job makes the
   * report say so, and fail outright when this run left no results.
   */
  jobs: stringInput().transform((value, ctx) => {
    if (value.trim() === '') return [];
    const parsed = parseJobs(value);
    if (parsed === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected a JSON object of jobs with a result each, e.g. ${{ toJSON(needs) }}',
      });
      return z.NEVER;
    }
    return parsed;
  }),
  /** Token that reads open incidents (`issues: read`) and the workflow's runs (`actions: read`); a secret. */
  githubToken: stringInput(),
  /** `owner/name` whose incidents and runs are read; empty: the workflow's own repository. */
  repository: repositoryInput,
  /** The collection workflow whose nights uptime counts (file name or id). */
  workflow: stringInput({ default: 'data-collection.yml' }).pipe(
    z.string().regex(/^[\w.-]+$/, 'expected a workflow file name such as data-collection.yml'),
  ),
  /** Storage the database plan allows in MB (maintain-db's input of the same name). */
  storageLimitMb: integerInput({ default: 512, min: 1 }),
  /** Open incident issue numbers, listed as action items. */
  incidents: listInput(z.string().regex(/^#?\d+$/, 'expected an issue number such as 42')),
  /** Files attached to the email: `html` (the report), `csv` (the by-ZIP extract). */
  attach: listInput(z.enum(['html', 'csv'], { message: 'expected html or csv' })),
  /** Folder (relative to the workspace) for the report files, and the message when not sent. */
  outputDir: stringInput({ default: 'out/reports' }),
  /** Build and write the report, but send nothing and upload nothing. */
  dryRun: dryRunInput,
});

/** Parsed inputs of send-report. */
export type SendReportInputs = z.output<typeof sendReportInputs>;
