import { DOCS, GitHubApiError, notFound, paginate, readJson, validationFailed } from './http.js';
import { ensureLabel } from './label-routes.js';
import { renderIssue } from './render.js';
import type { Route, RouteContext } from './route.js';
import type { IssueRecord } from './types.js';

const docs = `${DOCS}/issues/issues`;
const STATE_REASONS = ['completed', 'not_planned', 'duplicate', 'reopened'] as const;

/**
 * Whether the path under `/repos/{owner}/{repo}` is an issue endpoint (issues, their comments and
 * labels): those answer 410 while the repository has Issues turned off. The repository's own
 * labels stay readable, as on GitHub, where pull requests use them too.
 */
export const isIssueEndpoint = (rest: string): boolean => /^\/issues(?:\/|$)/.test(rest);

/** Label names from a request's `labels`: strings or `{name}` objects, as GitHub accepts. */
function labelNames(context: RouteContext, value: unknown, here: string): string[] {
  if (!Array.isArray(value)) throw validationFailed('Issue', 'labels', 'invalid', here);
  const names = value.map((entry: unknown) =>
    typeof entry === 'string'
      ? entry
      : entry && typeof entry === 'object' && typeof (entry as { name?: unknown }).name === 'string'
        ? (entry as { name: string }).name
        : '',
  );
  if (names.some((name) => name.trim() === ''))
    throw validationFailed('Issue', 'labels', 'invalid', here);
  // GitHub creates labels that do not exist yet and keeps the stored spelling of those that do.
  return [...new Set(names.map((name) => ensureLabel(context, name).name))];
}

/** The issue `params[0]` of the repository, or 404. */
export function findIssue(context: RouteContext): IssueRecord {
  const number = Number(context.params[0]);
  const issue = context.store.issues.find((candidate) => candidate.number === number);
  if (!issue) throw notFound();
  return issue;
}

function listIssues(context: RouteContext): IssueRecord[] {
  const query = context.url.searchParams;
  const state = query.get('state') ?? 'open';
  if (!['open', 'closed', 'all'].includes(state))
    throw validationFailed('Issue', 'state', 'invalid', `${docs}#list-repository-issues`);
  const wanted = (query.get('labels') ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  const since = query.get('since');
  const sort = query.get('sort') ?? 'created';
  const direction = query.get('direction') ?? 'desc';
  const key = (issue: IssueRecord): number | string =>
    sort === 'updated' ? issue.updatedAt : sort === 'comments' ? issue.comments : issue.number;
  return context.store.issues
    .filter((issue) => state === 'all' || issue.state === state)
    .filter((issue) => wanted.every((name) => issue.labels.some((l) => l.toLowerCase() === name)))
    .filter((issue) => !since || issue.updatedAt >= since)
    .sort((a, b) => {
      const order = key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.number - b.number;
      return direction === 'asc' ? order : -order;
    });
}

function applyState(context: RouteContext, issue: IssueRecord, input: Record<string, unknown>) {
  const here = `${docs}#update-an-issue`;
  const reason = input.state_reason;
  if (reason !== undefined && reason !== null && !STATE_REASONS.includes(reason as never))
    throw validationFailed('Issue', 'state_reason', 'invalid', here);
  if (input.state === undefined) return;
  if (input.state !== 'open' && input.state !== 'closed')
    throw validationFailed('Issue', 'state', 'invalid', here);
  if (reason === 'duplicate') {
    const target = context.store.issues.find((other) => other.id === input.duplicate_issue_id);
    if (!target || target === issue)
      throw validationFailed('Issue', 'duplicate_issue_id', 'invalid', here);
  }
  if (input.state === 'closed' && issue.state === 'open') {
    issue.state = 'closed';
    issue.closedAt = context.now;
    issue.stateReason = (reason as IssueRecord['stateReason']) ?? 'completed';
  } else if (input.state === 'open' && issue.state === 'closed') {
    issue.state = 'open';
    issue.closedAt = null;
    issue.stateReason = 'reopened';
  }
}

/** Issue endpoints: list (labels, state, sort, since, pagination), get, create, update. */
export const issueRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/issues$/,
    permission: { scope: 'issues', level: 'read' },
    docs: `${docs}#list-repository-issues`,
    handle: (context) => {
      const { page, headers } = paginate(listIssues(context), context.url);
      const labels = context.store.labels;
      return { status: 200, body: page.map((i) => renderIssue(context.urls, i, labels)), headers };
    },
  },
  {
    method: 'GET',
    pattern: /^\/issues\/(\d+)$/,
    permission: { scope: 'issues', level: 'read' },
    docs: `${docs}#get-an-issue`,
    handle: (context) => ({
      status: 200,
      body: renderIssue(context.urls, findIssue(context), context.store.labels),
    }),
  },
  {
    method: 'POST',
    pattern: /^\/issues$/,
    permission: { scope: 'issues', level: 'write' },
    docs: `${docs}#create-an-issue`,
    handle: async (context) => {
      const input = await readJson(context.request);
      const here = `${docs}#create-an-issue`;
      if (typeof input.title !== 'string' || input.title.trim() === '')
        throw validationFailed('Issue', 'title', 'missing_field', here);
      if (input.body !== undefined && input.body !== null && typeof input.body !== 'string')
        throw validationFailed('Issue', 'body', 'invalid', here);
      if (typeof input.body === 'string' && input.body.length > 65536)
        throw new GitHubApiError(422, 'Validation Failed', here, [
          { resource: 'Issue', code: 'custom', field: 'body', message: 'body is too long' },
        ]);
      const labels = input.labels === undefined ? [] : labelNames(context, input.labels, here);
      const issue: IssueRecord = {
        id: context.state.newId(),
        number: context.store.issues.length + 1,
        title: input.title,
        body: (input.body as string | undefined) ?? null,
        state: 'open',
        stateReason: null,
        labels,
        createdAt: context.now,
        updatedAt: context.now,
        closedAt: null,
        comments: 0,
      };
      context.store.issues.push(issue);
      return { status: 201, body: renderIssue(context.urls, issue, context.store.labels) };
    },
  },
  {
    method: 'PATCH',
    pattern: /^\/issues\/(\d+)$/,
    permission: { scope: 'issues', level: 'write' },
    docs: `${docs}#update-an-issue`,
    handle: async (context) => {
      const issue = findIssue(context);
      const input = await readJson(context.request);
      const here = `${docs}#update-an-issue`;
      applyState(context, issue, input);
      if (typeof input.title === 'string') issue.title = input.title;
      if (input.body !== undefined) issue.body = typeof input.body === 'string' ? input.body : null;
      if (input.labels !== undefined) issue.labels = labelNames(context, input.labels, here);
      issue.updatedAt = context.now;
      return { status: 200, body: renderIssue(context.urls, issue, context.store.labels) };
    },
  },
  {
    method: 'POST',
    pattern: /^\/issues\/(\d+)\/labels$/,
    permission: { scope: 'issues', level: 'write' },
    docs: `${DOCS}/issues/labels#add-labels-to-an-issue`,
    handle: async (context) => {
      const issue = findIssue(context);
      const input = await readJson(context.request);
      const added = labelNames(context, input.labels, `${DOCS}/issues/labels`);
      issue.labels = [...new Set([...issue.labels, ...added])];
      issue.updatedAt = context.now;
      const labels = issue.labels.flatMap((name) => {
        const label = context.store.labels.get(name.toLowerCase());
        return label ? [label] : [];
      });
      return { status: 200, body: labels };
    },
  },
];
