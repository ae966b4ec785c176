import { readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** One `db.collection(name)` call in the sources. */
export interface CollectionUse {
  /** File relative to the repository root, and 1-based line. */
  where: string;
  /** The names the argument's type allows (literal types); empty when it is any string. */
  names: string[];
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ts$/.test(entry.name) && !/\.d\.ts$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

function literalNames(type: ts.Type): string[] | undefined {
  const parts = type.isUnion() ? type.types : [type];
  const names = parts.map((part) => (part.isStringLiteral() ? part.value : undefined));
  return names.every((name) => name !== undefined) ? names : undefined;
}

/**
 * Every call of MongoDB's `Db.collection` in the TypeScript files under `dirs`, with the names its
 * argument may have, read by the type checker: `COLLECTIONS.costs`, a constant set from it, a
 * literal, or a variable typed with `CollectionName` all give their names.
 */
export function findCollectionUses(root: string, dirs: readonly string[]): CollectionUse[] {
  const files = dirs.flatMap((dir) => sources(path.join(root, dir)));
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
  });
  const checker = program.getTypeChecker();
  const uses: CollectionUse[] = [];
  for (const file of program.getSourceFiles()) {
    if (!files.includes(path.resolve(file.fileName))) continue;
    const visit = (node: ts.Node): void => {
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        node.expression.name.text === 'collection' &&
        node.arguments.length > 0 &&
        checker.getTypeAtLocation(node.expression.expression).getSymbol()?.getName() === 'Db'
      ) {
        const type = checker.getTypeAtLocation(node.arguments[0]!);
        const line = file.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        uses.push({
          where: `${path.relative(root, file.fileName)}:${line}`,
          names: literalNames(type) ?? [],
        });
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return uses;
}
