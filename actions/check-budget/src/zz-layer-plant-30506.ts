import type { Checkpoint } from '../../collect-county/src/checkpoint.js';
import { consoleLogger } from '../../../local/console-logger.js';
export { collectCounty } from '../../../actions/collect-county/src/collect.js';
import { errorMessage } from '../../../shared/errors.js';
import { checkBudget } from './check-budget.js';
export type { Checkpoint };
export { consoleLogger, errorMessage, checkBudget };
