import { DOCS, GitHubApiError, paginate } from './http.js';
import type { Route, RouteContext } from './route.js';
import type { WorkflowRecord, WorkflowRunRecord } from './types.js';
import { renderRepository, renderWorkflow, renderWorkflowRun } from './workflow-render.js';
import { findWorkflow } from './workflow-records.js';

const workflowDocs = `${DOCS}/actions/workflows`;
const runDocs = `${DOCS}/actions/workflow-runs`;

/** The workflow `{workflow_id}` names (id or file name), or GitHub's 404 for the endpoint. */
function workflowOf(context: RouteContext, docs: string): WorkflowRecord {
  const workflow = findWorkflow(context.store, context.params[0] ?? '');
  if (!workflow) throw new GitHubApiError(404, 'Not Found', docs);
  return workflow;
}

/** Whether `run` passes the list filters GitHub documents: event, status (or conclusion), branch. */
function matchesFilters(run: WorkflowRunRecord, query: URLSearchParams): boolean {
  const event = query.get('event');
  const status = query.get('status');
  const branch = query.get('branch');
  return (
    (!event || run.event === event) &&
    (!status || run.status === status || run.conclusion === status) &&
    (!branch || run.headBranch === branch)
  );
}

const newestFirst = (a: WorkflowRunRecord, b: WorkflowRunRecord): number =>
  b.createdAt.localeCompare(a.createdAt) || b.id - a.id;

/** Sets a workflow's state the way the enable and disable endpoints do: 204, no body. */
function setState(context: RouteContext, state: WorkflowRecord['state'], docs: string) {
  const workflow = workflowOf(context, docs);
  workflow.state = state;
  workflow.updatedAt = context.now;
  return { status: 204, body: undefined };
}

/** The repository, workflows (get, list, enable, disable) and workflow runs (list, get). */
export const workflowRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^$/,
    permission: { scope: 'metadata', level: 'read' },
    docs: `${DOCS}/repos/repos#get-a-repository`,
    handle: (context) => ({
      status: 200,
      body: renderRepository(context.urls, context.store),
    }),
  },
  {
    method: 'GET',
    pattern: /^\/actions\/workflows$/,
    permission: { scope: 'actions', level: 'read' },
    docs: `${workflowDocs}#list-repository-workflows`,
    handle: (context) => {
      const { workflows, defaultBranch } = context.store;
      const { page, headers } = paginate(workflows, context.url);
      return {
        status: 200,
        body: {
          total_count: workflows.length,
          workflows: page.map((w) => renderWorkflow(context.urls, w, defaultBranch)),
        },
        headers,
      };
    },
  },
  {
    method: 'GET',
    pattern: /^\/actions\/workflows\/([^/]+)$/,
    permission: { scope: 'actions', level: 'read' },
    docs: `${workflowDocs}#get-a-workflow`,
    handle: (context) => {
      const workflow = workflowOf(context, `${workflowDocs}#get-a-workflow`);
      return {
        status: 200,
        body: renderWorkflow(context.urls, workflow, context.store.defaultBranch),
      };
    },
  },
  {
    method: 'GET',
    pattern: /^\/actions\/workflows\/([^/]+)\/runs$/,
    permission: { scope: 'actions', level: 'read' },
    docs: `${runDocs}#list-workflow-runs-for-a-workflow`,
    handle: (context) => {
      const workflow = workflowOf(context, `${runDocs}#list-workflow-runs-for-a-workflow`);
      const runs = context.store.workflowRuns
        .filter((run) => run.workflowId === workflow.id)
        .filter((run) => matchesFilters(run, context.url.searchParams))
        .sort(newestFirst);
      const { page, headers } = paginate(runs, context.url);
      return {
        status: 200,
        body: {
          total_count: runs.length,
          workflow_runs: page.map((run) => renderWorkflowRun(context.urls, run, workflow)),
        },
        headers,
      };
    },
  },
  {
    method: 'PUT',
    pattern: /^\/actions\/workflows\/([^/]+)\/enable$/,
    permission: { scope: 'actions', level: 'write' },
    docs: `${workflowDocs}#enable-a-workflow`,
    handle: (context) => setState(context, 'active', `${workflowDocs}#enable-a-workflow`),
  },
  {
    method: 'PUT',
    pattern: /^\/actions\/workflows\/([^/]+)\/disable$/,
    permission: { scope: 'actions', level: 'write' },
    docs: `${workflowDocs}#disable-a-workflow`,
    handle: (context) =>
      setState(context, 'disabled_manually', `${workflowDocs}#disable-a-workflow`),
  },
  {
    method: 'GET',
    pattern: /^\/actions\/runs\/(\d+)$/,
    permission: { scope: 'actions', level: 'read' },
    docs: `${runDocs}#get-a-workflow-run`,
    handle: (context) => {
      const run = context.store.workflowRuns.find((r) => r.id === Number(context.params[0]));
      const workflow = context.store.workflows.find((w) => w.id === run?.workflowId);
      if (!run || !workflow)
        throw new GitHubApiError(404, 'Not Found', `${runDocs}#get-a-workflow-run`);
      return { status: 200, body: renderWorkflowRun(context.urls, run, workflow) };
    },
  },
];
