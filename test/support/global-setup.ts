import type { TestProject } from 'vitest/node';
import { ENV } from '../../shared/env.js';
import { errorMessage } from '../../shared/errors.js';
import { consoleLogger } from '../../local/console-logger.js';
import { provisionMongo, type MongoKind } from '../../local/mongo/provision-mongo.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /**
     * Connection string of the run's database server; empty when none could be provisioned. A
     * started server's names no database, as Atlas gives it: tests pick theirs explicitly
     * (`useTestDatabase`) or through `resolveDatabase`, never through the driver's default.
     */
    mongodbUri: string;
    /** What kind of database it is, so tests of FerretDB's gaps run only against FerretDB. */
    mongodbKind: MongoKind | 'none';
    /** Why no database could be provisioned; empty when one was. */
    mongodbProvisionError: string;
  }
}

/**
 * Provisions one database for the whole run and stops it afterwards. When none can be had the
 * run still goes on, so unit tests pass; tests that need the database fail with the reason.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const logger = consoleLogger({ verbose: process.env[ENV.verbose] === '1' });
  try {
    const mongo = await provisionMongo({ logger });
    project.provide('mongodbUri', mongo.uri);
    project.provide('mongodbKind', mongo.kind);
    project.provide('mongodbProvisionError', '');
    logger.info(`Tests use ${mongo.kind}: ${mongo.description}`);
    return () => mongo.stop();
  } catch (error) {
    logger.error(`No database for the tests that need one: ${errorMessage(error)}`);
    project.provide('mongodbUri', '');
    project.provide('mongodbKind', 'none');
    project.provide('mongodbProvisionError', errorMessage(error));
    return () => Promise.resolve();
  }
}
