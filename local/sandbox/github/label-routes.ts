import { DOCS, notFound, paginate, validationFailed } from './http.js';
import { renderLabel } from './render.js';
import type { Route, RouteContext } from './route.js';
import type { LabelRecord } from './types.js';
import { readJson } from './http.js';

const docs = `${DOCS}/issues/labels`;

/** Adds the label `name` to the repository unless it exists (what issue create/update do). */
export function ensureLabel(context: RouteContext, name: string): LabelRecord {
  const existing = context.store.labels.get(name.toLowerCase());
  if (existing) return existing;
  const label = { id: context.state.newId(), name, color: 'ededed', description: null };
  context.store.labels.set(name.toLowerCase(), label);
  return label;
}

/** Label endpoints: list, get by name, create (422 `already_exists` on a duplicate name). */
export const labelRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/labels$/,
    permission: { scope: 'issues', level: 'read' },
    docs: `${docs}#list-labels-for-a-repository`,
    handle: (context) => {
      const { page, headers } = paginate([...context.store.labels.values()], context.url);
      return { status: 200, body: page.map((label) => renderLabel(context.urls, label)), headers };
    },
  },
  {
    method: 'GET',
    pattern: /^\/labels\/([^/]+)$/,
    permission: { scope: 'issues', level: 'read' },
    docs: `${docs}#get-a-label`,
    handle: (context) => {
      const name = decodeURIComponent(context.params[0] ?? '');
      const label = context.store.labels.get(name.toLowerCase());
      if (!label) throw notFound();
      return { status: 200, body: renderLabel(context.urls, label) };
    },
  },
  {
    method: 'POST',
    pattern: /^\/labels$/,
    permission: { scope: 'issues', level: 'write' },
    docs: `${docs}#create-a-label`,
    handle: async (context) => {
      const input = await readJson(context.request);
      const here = `${docs}#create-a-label`;
      if (typeof input.name !== 'string' || input.name.trim() === '')
        throw validationFailed('Label', 'name', 'missing_field', here);
      const color = input.color === undefined ? 'ededed' : input.color;
      if (typeof color !== 'string' || !/^[0-9a-fA-F]{6}$/.test(color))
        throw validationFailed('Label', 'color', 'invalid', here);
      if (context.store.labels.has(input.name.toLowerCase()))
        throw validationFailed('Label', 'name', 'already_exists', here);
      const label: LabelRecord = {
        id: context.state.newId(),
        name: input.name,
        color: color.toLowerCase(),
        description: typeof input.description === 'string' ? input.description : null,
      };
      context.store.labels.set(label.name.toLowerCase(), label);
      return { status: 201, body: renderLabel(context.urls, label) };
    },
  },
];
