import { buildImportGraph, listSources } from './import-graph.js';

/** One tangle of files that import each other, directly or through one another. */
export interface ImportCycle {
  /** Every file in the tangle (a strongly connected component of the import graph), sorted. */
  files: string[];
  /** One concrete loop through the first file, ending where it starts: a → b → a. */
  path: string[];
}

/** The strongly connected components of `graph` with more than one file or a self-import. */
function tangles(graph: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file)!, index.get(next)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || graph.get(file)?.has(file)) found.push(component.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

/** The shortest loop from `start` back to itself, staying inside `members`. */
function shortestLoop(
  graph: Map<string, Set<string>>,
  start: string,
  members: Set<string>,
): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const file = queue[i]!;
    for (const next of graph.get(file) ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const chain: string[] = [];
        for (let at = file; at !== start; at = cameFrom.get(at)!) chain.unshift(at);
        return [start, ...chain, start];
      }
      if (!cameFrom.has(next) && next !== start) {
        cameFrom.set(next, file);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

/** Every import cycle among the given files. */
export function findCycles(files: string[]): ImportCycle[] {
  const graph = buildImportGraph(files);
  return tangles(graph).map((members) => ({
    files: members,
    path: shortestLoop(graph, members[0]!, new Set(members)),
  }));
}

/** Every import cycle among the TypeScript sources under the given folders. */
export function findCyclesUnder(dirs: string[]): ImportCycle[] {
  return findCycles(dirs.flatMap((dir) => listSources(dir)));
}
