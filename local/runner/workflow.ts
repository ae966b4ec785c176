import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  NoOperationTraceWriter,
  convertWorkflowTemplate,
  isMapping,
  isSequence,
  isString,
} from '@actions/workflow-parser';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import type { WorkflowTemplate } from '@actions/workflow-parser/model/workflow-template';
import type { MappingToken } from '@actions/workflow-parser/templates/tokens/mapping-token';
import { ConfigurationError } from '../../shared/errors.js';

/** Keys of a job or step that the converted template drops (`with`, `timeout-minutes`, ...). */
export interface RawParts {
  job: Record<string, TemplateToken>;
  steps: Array<Record<string, TemplateToken>>;
}

/** A parsed workflow: GitHub's converted template plus the raw parts it leaves out, by job id. */
export interface LoadedWorkflow {
  name: string;
  template: WorkflowTemplate;
  raw: Map<string, RawParts>;
}

function entries(token: TemplateToken | undefined): Record<string, TemplateToken> {
  const result: Record<string, TemplateToken> = {};
  if (token === undefined || !isMapping(token)) return result;
  for (let i = 0; i < token.count; i += 1) {
    const pair = token.get(i);
    if (isString(pair.key)) result[pair.key.value] = pair.value;
  }
  return result;
}

/** Reads and validates a workflow file with `@actions/workflow-parser`; errors name the file and line. */
export async function loadWorkflow(path: string): Promise<LoadedWorkflow> {
  const content = await readFile(path, 'utf8').catch((error: Error) => {
    throw new ConfigurationError(`workflow ${path} cannot be read: ${error.message}`);
  });
  const parsed = (await import('@actions/workflow-parser')).parseWorkflow(
    { name: basename(path), content },
    new NoOperationTraceWriter(),
  );
  const errors = parsed.context.errors.getErrors().map((error) => error.message);
  if (errors.length > 0 || parsed.value === undefined) {
    throw new ConfigurationError(`workflow ${path} is invalid:\n${errors.join('\n')}`);
  }
  const template = await convertWorkflowTemplate(parsed.context, parsed.value);
  if (template.errors?.length) {
    throw new ConfigurationError(
      `workflow ${path} is invalid:\n${template.errors.map((e) => e.Message).join('\n')}`,
    );
  }
  const raw = new Map<string, RawParts>();
  for (const [id, job] of Object.entries(entries(entries(parsed.value).jobs))) {
    const parts = entries(job);
    const steps = parts.steps;
    const list = steps !== undefined && isSequence(steps) ? steps : undefined;
    raw.set(id, {
      job: parts,
      steps: Array.from({ length: list?.count ?? 0 }, (_, i) => entries(list?.get(i))),
    });
  }
  const name = entries(parsed.value).name;
  return {
    name: name !== undefined && isString(name) ? name.value : basename(path),
    template,
    raw,
  };
}

/** The raw mapping of a job's or step's key, for the runner's own reading. */
export type RawMapping = MappingToken;
