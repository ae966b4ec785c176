import { Evaluator, Lexer, Parser, data } from '@actions/expressions';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';
import { isBasicExpression, isMapping, isSequence, isLiteral } from '@actions/workflow-parser';
import { asString } from './text.js';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';

/** The contexts an expression may read (`github`, `env`, `needs`, `steps`, ...), as plain JSON. */
export type Contexts = Record<string, unknown>;

/** What `success()`, `failure()` and `cancelled()` see where the expression is evaluated. */
export interface StatusView {
  /** `success()`: every needed job succeeded (jobs), or no earlier step failed (steps). */
  success: boolean;
  /** `failure()`: a needed job or an earlier step failed. */
  failure: boolean;
  cancelled: boolean;
}

const statusNames = ['success', 'failure', 'always', 'cancelled', 'hashFiles'];

function toData(value: unknown): data.ExpressionData {
  return JSON.parse(JSON.stringify(value ?? null), data.reviver) as data.ExpressionData;
}

function statusFunctions(status: StatusView): Map<string, FunctionDefinition> {
  const define = (name: string, result: () => boolean): [string, FunctionDefinition] => [
    name.toLowerCase(),
    { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(result()) },
  ];
  return new Map([
    define('success', () => status.success && !status.cancelled),
    define('failure', () => status.failure),
    define('always', () => true),
    define('cancelled', () => status.cancelled),
    [
      'hashfiles',
      { name: 'hashFiles', minArgs: 1, maxArgs: 255, call: () => new data.StringData('local') },
    ],
  ]);
}

/** Evaluates one expression (without `${{ }}`) to plain JSON; an error names the expression. */
export function evaluateExpression(
  expression: string,
  contexts: Contexts,
  status: StatusView,
): unknown {
  try {
    const tokens = new Lexer(expression).lex().tokens;
    const functions = statusNames.map((name) => ({ name, minArgs: 0, maxArgs: 255 }));
    const tree = new Parser(tokens, Object.keys(contexts), functions).parse();
    const dictionary = new data.Dictionary();
    for (const [key, value] of Object.entries(contexts)) dictionary.add(key, toData(value));
    const result = new Evaluator(tree, dictionary, statusFunctions(status)).evaluate();
    return JSON.parse(JSON.stringify(result, data.replacer)) as unknown;
  } catch (error) {
    throw new Error(`cannot evaluate \${{ ${expression} }}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** Evaluates a workflow token (a literal, an expression, a sequence or a mapping) to plain JSON. */
export function evaluateToken(
  token: TemplateToken | undefined,
  contexts: Contexts,
  status: StatusView,
): unknown {
  if (token === undefined) return undefined;
  if (isBasicExpression(token)) return evaluateExpression(token.expression, contexts, status);
  if (isSequence(token)) {
    return Array.from({ length: token.count }, (_, i) =>
      evaluateToken(token.get(i), contexts, status),
    );
  }
  if (isMapping(token)) {
    const result: Record<string, unknown> = {};
    for (let i = 0; i < token.count; i += 1) {
      const pair = token.get(i);
      result[asString(evaluateToken(pair.key, contexts, status))] = evaluateToken(
        pair.value,
        contexts,
        status,
      );
    }
    return result;
  }
  if (isLiteral(token)) return (token as unknown as { value: unknown }).value ?? null;
  throw new Error(`unsupported workflow token at line ${token.line ?? '?'}`);
}

export { asString, truthy } from './text.js';
