import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** Folders never walked: dependencies and build output are not our sources. */
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.git', '.cache', 'out']);

/** Every `.ts` file under `dir` (absolute paths, sorted), skipping dependencies and build output. */
export function listSources(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) files.push(...listSources(full));
    else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
      files.push(full);
    }
  }
  return files.sort();
}

/**
 * The module specifiers a file names: static imports and re-exports (type-only ones included,
 * since a type edge ties two files together as much as a value edge does) and `import('…')`
 * with a literal argument.
 */
export function importSpecifiers(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022);
  const specifiers: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      specifiers.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      specifiers.push(node.arguments[0].text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      const literal = node.argument.literal;
      if (ts.isStringLiteral(literal)) specifiers.push(literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers;
}

/**
 * The source file a relative specifier names (`./x.js` is written for `./x.ts` under NodeNext),
 * or null for packages and for paths that are not TypeScript sources.
 */
export function resolveRelative(from: string, specifier: string): string | null {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return null;
  const target = path.resolve(path.dirname(from), specifier);
  const candidates = [
    target.replace(/\.(m?js)$/, (ext) => (ext === '.mjs' ? '.mts' : '.ts')),
    target,
    `${target}.ts`,
    path.join(target, 'index.ts'),
  ];
  for (const candidate of candidates) {
    if (candidate.endsWith('.ts') && existsSync(candidate) && statSync(candidate).isFile()) {
      return candidate;
    }
  }
  return null;
}

/** The import graph of `files`: each file to the set of files among them that it imports. */
export function buildImportGraph(files: string[]): Map<string, Set<string>> {
  const known = new Set(files);
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    const edges = new Set<string>();
    for (const specifier of importSpecifiers(file)) {
      const target = resolveRelative(file, specifier);
      if (target !== null && known.has(target)) edges.add(target);
    }
    graph.set(file, edges);
  }
  return graph;
}
