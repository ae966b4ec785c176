import { stringInput } from '../inputs.js';
import { databaseNameProblem } from './database-name.js';

/**
 * Shared fragment: the `database` input of every action that connects to MongoDB. Empty (the
 * default) leaves the choice to `resolveDatabase`: the database the connection string names, else
 * `phx_property`. A name MongoDB would refuse is an input error here, before anything connects.
 */
export const databaseInput = stringInput().transform((name, ctx) => {
  const problem = name === '' ? undefined : databaseNameProblem(name);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  return name;
});
