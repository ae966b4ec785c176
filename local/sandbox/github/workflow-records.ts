import type {
  WorkflowInput,
  WorkflowRecord,
  WorkflowRunDetails,
  WorkflowRunRecord,
} from './types.js';

/** What the workflow records of one repository live in (a part of `RepoStore`). */
export interface WorkflowStore {
  defaultBranch: string;
  workflows: WorkflowRecord[];
  workflowRuns: WorkflowRunRecord[];
}

/** A workflow record from what a test gives; `id` and `now` come from the state. */
export function workflowRecord(input: WorkflowInput, id: number, now: string): WorkflowRecord {
  const createdAt = input.createdAt ?? now;
  return {
    id,
    file: input.file,
    name: input.name ?? input.file.replace(/\.ya?ml$/, ''),
    state: input.state ?? 'active',
    createdAt,
    updatedAt: input.updatedAt ?? createdAt,
  };
}

/**
 * The workflow addressed as GitHub's `{workflow_id}` allows: its numeric id or its file name
 * (`data-collection.yml`); undefined when there is none.
 */
export function findWorkflow(store: WorkflowStore, idOrFile: string): WorkflowRecord | undefined {
  const file = decodeURIComponent(idOrFile);
  return store.workflows.find((workflow) =>
    /^\d+$/.test(file) ? workflow.id === Number(file) : workflow.file === file,
  );
}

/** A run record of `details.workflow`; throws when that workflow was never added. */
export function workflowRunRecord(
  store: WorkflowStore,
  details: WorkflowRunDetails,
  id: number,
  now: string,
): WorkflowRunRecord {
  const workflow = findWorkflow(store, details.workflow);
  if (!workflow)
    throw new Error(`addWorkflowRun: add workflow '${details.workflow}' with addWorkflow first`);
  const status = details.status ?? 'completed';
  const createdAt = details.createdAt ?? now;
  const runNumber = store.workflowRuns.filter((run) => run.workflowId === workflow.id).length + 1;
  return {
    id,
    runNumber,
    workflowId: workflow.id,
    event: details.event ?? 'schedule',
    status,
    conclusion:
      details.conclusion !== undefined
        ? details.conclusion
        : status === 'completed'
          ? 'success'
          : null,
    createdAt,
    updatedAt: details.updatedAt ?? createdAt,
    headBranch: details.headBranch ?? store.defaultBranch,
    runAttempt: details.runAttempt ?? 1,
  };
}
