import { DOCS, notFound, paginate, readJson, validationFailed } from './http.js';
import { findIssue } from './issue-routes.js';
import { renderComment, renderJob } from './render.js';
import type { Route } from './route.js';

const commentDocs = `${DOCS}/issues/comments`;

/** Issue comments (list with `since` and pagination, create) and the jobs of a workflow run. */
export const commentAndJobRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/issues\/(\d+)\/comments$/,
    permission: { scope: 'issues', level: 'read' },
    docs: `${commentDocs}#list-issue-comments`,
    handle: (context) => {
      const issue = findIssue(context);
      const since = context.url.searchParams.get('since');
      const comments = context.store.comments.filter(
        (comment) => comment.issueNumber === issue.number && (!since || comment.updatedAt >= since),
      );
      const { page, headers } = paginate(comments, context.url);
      return { status: 200, body: page.map((c) => renderComment(context.urls, c)), headers };
    },
  },
  {
    method: 'POST',
    pattern: /^\/issues\/(\d+)\/comments$/,
    permission: { scope: 'issues', level: 'write' },
    docs: `${commentDocs}#create-an-issue-comment`,
    handle: async (context) => {
      const issue = findIssue(context);
      const input = await readJson(context.request);
      if (typeof input.body !== 'string' || input.body.trim() === '')
        throw validationFailed(
          'IssueComment',
          'body',
          'missing_field',
          `${commentDocs}#create-an-issue-comment`,
        );
      const comment = {
        id: context.state.newId(),
        issueNumber: issue.number,
        body: input.body,
        createdAt: context.now,
        updatedAt: context.now,
      };
      context.store.comments.push(comment);
      issue.comments += 1;
      issue.updatedAt = context.now;
      return { status: 201, body: renderComment(context.urls, comment) };
    },
  },
  {
    method: 'GET',
    pattern: /^\/actions\/runs\/(\d+)\/jobs$/,
    permission: { scope: 'actions', level: 'read' },
    docs: `${DOCS}/actions/workflow-jobs#list-jobs-for-a-workflow-run`,
    handle: (context) => {
      const jobs = context.store.runs.get(Number(context.params[0]));
      if (!jobs) throw notFound();
      const filter = context.url.searchParams.get('filter') ?? 'latest';
      if (filter !== 'latest' && filter !== 'all')
        throw validationFailed(
          'WorkflowJob',
          'filter',
          'invalid',
          `${DOCS}/actions/workflow-jobs#list-jobs-for-a-workflow-run`,
        );
      const latest = Math.max(1, ...jobs.map((job) => job.run_attempt ?? 1));
      const selected =
        filter === 'all' ? jobs : jobs.filter((job) => (job.run_attempt ?? 1) === latest);
      const { page, headers } = paginate(selected, context.url);
      return {
        status: 200,
        body: {
          total_count: selected.length,
          jobs: page.map((job) => renderJob(context.urls, job)),
        },
        headers,
      };
    },
  },
];
