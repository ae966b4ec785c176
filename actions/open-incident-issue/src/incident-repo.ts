import { ConfigurationError } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/logger.js';
import { GitHubRefusal, type GitHubClient } from '../../../shared/github/client.js';
import { readFingerprint, readIncidentState, type IncidentState } from './markers.js';
import { newPostMark, postOnce, readPostMark } from './post-once.js';

/** An issue as this action sees it: GitHub's fields plus what its markers say. */
export interface IncidentIssue {
  number: number;
  id: number;
  state: 'open' | 'closed';
  stateReason: string | null;
  closedAt: string | null;
  body: string;
  labels: string[];
  fingerprint: string | undefined;
  incident: IncidentState | undefined;
}

/** A label this action applies, created with its colour and description when missing. */
export interface LabelSpec {
  name: string;
  color: string;
  description: string;
}

/** Issues are listed 100 a page; 50 pages bound the lookup at 5,000 issues with one label. */
const MAX_PAGES = 50;

type RawIssue = Awaited<ReturnType<GitHubClient['rest']['issues']['get']>>['data'];

function toIncident(issue: RawIssue): IncidentIssue {
  return {
    number: issue.number,
    id: issue.id,
    state: issue.state === 'closed' ? 'closed' : 'open',
    stateReason: issue.state_reason ?? null,
    closedAt: issue.closed_at,
    body: issue.body ?? '',
    labels: issue.labels.map((label) => (typeof label === 'string' ? label : (label.name ?? ''))),
    fingerprint: readFingerprint(issue.body),
    incident: readIncidentState(issue.body),
  };
}

/** The issue operations of one repository; in dry-run, writes are logged and not sent. */
export class IncidentRepo {
  constructor(
    private readonly octokit: GitHubClient,
    readonly owner: string,
    readonly repo: string,
    private readonly logger: Logger,
    readonly dryRun: boolean,
  ) {}

  /** Every issue, open or closed, carrying `label`: looked up by label, never by title search. */
  async listByLabel(label: string): Promise<IncidentIssue[]> {
    const issues: IncidentIssue[] = [];
    let pages = 0;
    const iterator = this.octokit.paginate.iterator(this.octokit.rest.issues.listForRepo, {
      owner: this.owner,
      repo: this.repo,
      labels: label,
      state: 'all',
      per_page: 100,
    });
    for await (const page of this.pages(iterator)) {
      issues.push(...page.data.filter((issue) => !issue.pull_request).map(toIncident));
      pages += 1;
      if (pages >= MAX_PAGES) {
        this.logger.warning(
          `more than ${MAX_PAGES * 100} issues labelled ${label}; older ones not searched`,
        );
        break;
      }
    }
    this.logger.debug(`${issues.length} issue(s) labelled ${label}`);
    return issues;
  }

  /** `iterator` with a 404 (no such repository, or hidden from the token) named as the input's fault. */
  private async *pages<T>(iterator: AsyncIterable<T>): AsyncGenerator<T> {
    try {
      yield* iterator;
    } catch (error) {
      if (error instanceof GitHubRefusal && error.status === 404)
        throw new ConfigurationError(
          `input 'repository': GitHub answered 404 for ${this.owner}/${this.repo}; expected a repository the token can see`,
        );
      throw error;
    }
  }

  /** Creates each label that does not exist; a concurrent creation (422 already_exists) is fine. */
  async ensureLabels(labels: LabelSpec[]): Promise<void> {
    for (const label of labels) {
      const exists = await this.octokit.rest.issues
        .getLabel({ owner: this.owner, repo: this.repo, name: label.name })
        .then(
          () => true,
          (error: unknown) => {
            if (error instanceof GitHubRefusal && error.status === 404) return false;
            throw error;
          },
        );
      if (exists) continue;
      if (this.dryRun) {
        this.logger.info(`dry run: would create label ${label.name}`);
        continue;
      }
      await this.octokit.rest.issues
        .createLabel({ owner: this.owner, repo: this.repo, ...label })
        .catch((error: unknown) => {
          if (!(error instanceof GitHubRefusal && error.status === 422)) throw error;
        });
    }
  }

  /**
   * Opens an issue; a lost answer is checked before it is sent again (`postOnce`). In dry-run
   * returns a stand-in numbered 0.
   */
  async create(title: string, body: string, labels: string[]): Promise<IncidentIssue> {
    if (this.dryRun) {
      this.logger.info(`dry run: would open "${title}" labelled ${labels.join(', ')}`);
      const state = readIncidentState(body);
      return {
        number: 0,
        id: 0,
        state: 'open',
        stateReason: null,
        closedAt: null,
        body,
        labels,
        fingerprint: state?.fingerprint,
        incident: state,
      };
    }
    const mark = newPostMark();
    const marked = `${body}\n${mark}`;
    const issue = await postOnce({
      what: `opening "${title}"`,
      send: async () =>
        toIncident(
          (
            await this.octokit.rest.issues.create({
              owner: this.owner,
              repo: this.repo,
              title,
              body: marked,
              labels,
            })
          ).data,
        ),
      find: async () => {
        // The newest issues with its first label: the lost one is among them if GitHub made it.
        const { data } = await this.octokit.rest.issues.listForRepo({
          owner: this.owner,
          repo: this.repo,
          ...(labels[0] === undefined ? {} : { labels: labels[0] }),
          state: 'all',
          sort: 'created',
          direction: 'desc',
          per_page: 30,
        });
        const made = data.find((found) => readPostMark(found.body) === mark);
        return made && toIncident(made);
      },
      logger: this.logger,
    });
    this.logger.info(`opened issue #${issue.number}`);
    return issue;
  }

  /** Changes an issue's body, state or labels. */
  async update(
    number: number,
    change: {
      body?: string;
      state?: 'open' | 'closed';
      state_reason?: 'completed' | 'not_planned' | 'duplicate' | 'reopened';
      duplicate_issue_id?: number;
      labels?: string[];
    },
  ): Promise<void> {
    const what = Object.keys(change).join(', ');
    if (this.dryRun) return void this.logger.info(`dry run: would update #${number} (${what})`);
    await this.octokit.rest.issues.update({
      owner: this.owner,
      repo: this.repo,
      issue_number: number,
      ...change,
    });
    this.logger.info(`updated issue #${number} (${what})`);
  }

  /** Adds a comment to an issue; a lost answer is checked before the comment is sent again. */
  async comment(number: number, body: string): Promise<void> {
    if (this.dryRun) return void this.logger.info(`dry run: would comment on #${number}`);
    const mark = newPostMark();
    const since = new Date(Date.now() - 10 * 60_000).toISOString();
    await postOnce({
      what: `commenting on #${number}`,
      send: async () => {
        await this.octokit.rest.issues.createComment({
          owner: this.owner,
          repo: this.repo,
          issue_number: number,
          body: `${body}\n${mark}`,
        });
        return true;
      },
      find: async () => {
        const comments = await this.octokit.paginate(this.octokit.rest.issues.listComments, {
          owner: this.owner,
          repo: this.repo,
          issue_number: number,
          since,
          per_page: 100,
        });
        return comments.some((comment) => readPostMark(comment.body) === mark) ? true : undefined;
      },
      logger: this.logger,
    });
    this.logger.info(`commented on issue #${number}`);
  }
}
