import type { CommentRecord, IssueRecord, JobRecord, LabelRecord } from './types.js';

/** Where a repository's API and web addresses live, for the URLs GitHub puts in every object. */
export interface RepoUrls {
  api: string;
  web: string;
}

/** The API and web base of `owner/repo` on an emulator at `origin`. */
export function repoUrls(origin: string, owner: string, repo: string): RepoUrls {
  return { api: `${origin}/repos/${owner}/${repo}`, web: `https://github.com/${owner}/${repo}` };
}

const actor = {
  login: 'github-actions[bot]',
  id: 41898282,
  type: 'Bot',
  site_admin: false,
};

const nodeId = (prefix: string, id: number): string =>
  `${prefix}_${Buffer.from(String(id)).toString('base64url')}`;

/** A label as the REST API returns it. */
export function renderLabel(urls: RepoUrls, label: LabelRecord): Record<string, unknown> {
  return {
    id: label.id,
    node_id: nodeId('LA', label.id),
    url: `${urls.api}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    default: false,
    description: label.description,
  };
}

/** An issue as the REST API returns it; `labels` are resolved against the repository's labels. */
export function renderIssue(
  urls: RepoUrls,
  issue: IssueRecord,
  labels: Map<string, LabelRecord>,
): Record<string, unknown> {
  const url = `${urls.api}/issues/${issue.number}`;
  return {
    id: issue.id,
    node_id: nodeId('I', issue.id),
    url,
    repository_url: urls.api,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `${urls.web}/issues/${issue.number}`,
    number: issue.number,
    state: issue.state,
    state_reason: issue.stateReason,
    title: issue.title,
    body: issue.body,
    user: actor,
    labels: issue.labels.flatMap((name) => {
      const label = labels.get(name.toLowerCase());
      return label ? [renderLabel(urls, label)] : [];
    }),
    assignee: null,
    assignees: [],
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: issue.comments,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    author_association: 'NONE',
  };
}

/** An issue comment as the REST API returns it. */
export function renderComment(urls: RepoUrls, comment: CommentRecord): Record<string, unknown> {
  return {
    id: comment.id,
    node_id: nodeId('IC', comment.id),
    url: `${urls.api}/issues/comments/${comment.id}`,
    html_url: `${urls.web}/issues/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${urls.api}/issues/${comment.issueNumber}`,
    body: comment.body,
    user: actor,
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: 'NONE',
  };
}

/** A workflow job as `GET .../actions/runs/{run_id}/jobs` returns it. */
export function renderJob(urls: RepoUrls, job: JobRecord): Record<string, unknown> {
  return {
    id: job.id,
    run_id: job.run_id,
    run_url: `${urls.api}/actions/runs/${job.run_id}`,
    run_attempt: job.run_attempt ?? 1,
    node_id: nodeId('CR', job.id),
    head_sha: '0'.repeat(40),
    head_branch: 'main',
    url: `${urls.api}/actions/jobs/${job.id}`,
    html_url: `${urls.web}/actions/runs/${job.run_id}/job/${job.id}`,
    status: job.status,
    conclusion: job.conclusion,
    created_at: job.started_at,
    started_at: job.started_at,
    completed_at: job.completed_at,
    name: job.name,
    steps: [],
    check_run_url: `${urls.api}/check-runs/${job.id}`,
    labels: job.labels,
    runner_id: job.runner_name ? 1 : null,
    runner_name: job.runner_name ?? (job.status === 'queued' ? null : 'GitHub Actions 1'),
    runner_group_id: job.status === 'queued' ? null : 0,
    runner_group_name: job.status === 'queued' ? null : 'GitHub Actions',
    workflow_name: 'data-collection',
  };
}
