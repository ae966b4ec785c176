import type { RepoUrls } from './render.js';
import type { WorkflowRecord, WorkflowRunRecord } from './types.js';

const nodeId = (prefix: string, id: number): string =>
  `${prefix}_${Buffer.from(String(id)).toString('base64url')}`;

const bot = {
  login: 'github-actions[bot]',
  id: 41898282,
  node_id: 'MDM6Qm90NDE4OTgyODI=',
  type: 'Bot',
  site_admin: false,
};

/** The owner and name of the repository behind `urls`. */
function repositoryOf(urls: RepoUrls): Record<string, unknown> {
  const fullName = urls.web.replace(/^https:\/\/github\.com\//, '');
  const [owner = '', name = ''] = fullName.split('/');
  return {
    id: 1,
    node_id: nodeId('R', 1),
    name,
    full_name: fullName,
    private: false,
    owner: { login: owner, type: 'Organization', site_admin: false },
    html_url: urls.web,
    url: urls.api,
    fork: false,
  };
}

/** A workflow as `GET .../actions/workflows/{workflow_id}` returns it. */
export function renderWorkflow(
  urls: RepoUrls,
  workflow: WorkflowRecord,
  defaultBranch: string,
): Record<string, unknown> {
  return {
    id: workflow.id,
    node_id: nodeId('W', workflow.id),
    name: workflow.name,
    path: `.github/workflows/${workflow.file}`,
    state: workflow.state,
    created_at: workflow.createdAt,
    updated_at: workflow.updatedAt,
    url: `${urls.api}/actions/workflows/${workflow.id}`,
    html_url: `${urls.web}/blob/${defaultBranch}/.github/workflows/${workflow.file}`,
    badge_url: `${urls.web}/workflows/${encodeURIComponent(workflow.name)}/badge.svg`,
  };
}

/** A workflow run as the workflow runs endpoints return it. */
export function renderWorkflowRun(
  urls: RepoUrls,
  run: WorkflowRunRecord,
  workflow: WorkflowRecord,
): Record<string, unknown> {
  const url = `${urls.api}/actions/runs/${run.id}`;
  const headSha = run.id.toString(16).padStart(40, '0');
  return {
    id: run.id,
    name: workflow.name,
    node_id: nodeId('WFR', run.id),
    head_branch: run.headBranch,
    head_sha: headSha,
    path: `.github/workflows/${workflow.file}@refs/heads/${run.headBranch}`,
    display_title: workflow.name,
    run_number: run.runNumber,
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: workflow.id,
    check_suite_id: run.id + 1,
    check_suite_node_id: nodeId('CS', run.id + 1),
    url,
    html_url: `${urls.web}/actions/runs/${run.id}`,
    pull_requests: [],
    created_at: run.createdAt,
    updated_at: run.updatedAt,
    actor: bot,
    run_attempt: run.runAttempt,
    referenced_workflows: [],
    run_started_at: run.createdAt,
    triggering_actor: bot,
    jobs_url: `${url}/jobs`,
    logs_url: `${url}/logs`,
    check_suite_url: `${urls.api}/check-suites/${run.id + 1}`,
    artifacts_url: `${url}/artifacts`,
    cancel_url: `${url}/cancel`,
    rerun_url: `${url}/rerun`,
    previous_attempt_url: run.runAttempt > 1 ? `${url}/attempts/${run.runAttempt - 1}` : null,
    workflow_url: `${urls.api}/actions/workflows/${workflow.id}`,
    head_commit: {
      id: headSha,
      tree_id: headSha,
      message: 'Nightly data collection',
      timestamp: run.createdAt,
      author: { name: 'phx', email: 'phx@users.noreply.github.com' },
      committer: { name: 'GitHub', email: 'noreply@github.com' },
    },
    repository: repositoryOf(urls),
    head_repository: repositoryOf(urls),
  };
}

/** The repository as `GET /repos/{owner}/{repo}` returns it, with the fields clients read. */
export function renderRepository(
  urls: RepoUrls,
  settings: { defaultBranch: string; hasIssues: boolean },
): Record<string, unknown> {
  return {
    ...repositoryOf(urls),
    default_branch: settings.defaultBranch,
    has_issues: settings.hasIssues,
    archived: false,
    disabled: false,
  };
}
