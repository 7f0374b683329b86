// Folder-level import cycles: each domain folder (server/conversations, agent-console/inbox,
// shared/contract, …) is one node, an import from a file in one folder of a file in another is an
// edge, and every strongly connected group of two or more folders is a cycle. Files at a part's top
// (server/app.ts) are nodes of their own. `npm run check:cycles [-- --json]` prints them;
// tests/unit/folder-cycles.test.ts fails while there is one.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PARTS = ['server', 'agent-console', 'widget', 'shared'];
const SOURCE = /\.(ts|tsx)$/;
const MODULE_REFERENCE =
  /(?:import|export)\s[^'";]*?from\s*['"](\.[^'"]+)['"]|import\s*\(\s*['"](\.[^'"]+)['"]\s*\)|import\s*['"](\.[^'"]+)['"]/g;

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return SOURCE.test(name) ? [path] : [];
  });
}

/** The node a file belongs to: its part and first folder (`server/data`), or the file itself at a part's top. */
export function folderOf(path) {
  const segments = path.split(sep);
  return segments.length > 2 ? segments.slice(0, 2).join('/') : segments.join('/');
}

/** Edges between folders, each with one import that makes it: Map<from, Map<to, "file → specifier">>. */
export function folderGraph(root = ROOT, parts = PARTS) {
  const graph = new Map();
  for (const file of parts.flatMap((part) => sourceFiles(join(root, part)))) {
    const from = folderOf(relative(root, file));
    if (!graph.has(from)) graph.set(from, new Map());
    for (const match of readFileSync(file, 'utf8').matchAll(MODULE_REFERENCE)) {
      const specifier = match[1] ?? match[2] ?? match[3];
      const to = folderOf(relative(root, resolve(dirname(file), specifier)));
      if (to !== from && !graph.get(from).has(to)) graph.get(from).set(to, `${relative(root, file)} → ${specifier}`);
    }
  }
  return graph;
}

/** Strongly connected groups of two or more folders (Tarjan), each sorted, with the imports that close them. */
export function folderCycles(graph) {
  let index = 0;
  const order = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const groups = [];
  const visit = (node) => {
    order.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!order.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node), order.get(next)));
    }
    if (low.get(node) !== order.get(node)) return;
    const group = [];
    for (let member; member !== node; ) {
      member = stack.pop();
      onStack.delete(member);
      group.push(member);
    }
    if (group.length > 1) groups.push(group.sort());
  };
  for (const node of graph.keys()) if (!order.has(node)) visit(node);
  return groups.map((folders) => ({
    folders,
    imports: folders.flatMap((from) =>
      folders.filter((to) => graph.get(from)?.has(to)).map((to) => `${from} → ${to}: ${graph.get(from).get(to)}`),
    ),
  }));
}

/** Pairs of folders that import each other directly ("a ⇄ b"). */
export function mutualPairs(graph) {
  return [...graph].flatMap(([from, edges]) =>
    [...edges.keys()].filter((to) => from < to && graph.get(to)?.has(from)).map((to) => `${from} ⇄ ${to}`),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const graph = folderGraph();
  const cycles = folderCycles(graph);
  const pairs = mutualPairs(graph);
  if (process.argv.includes('--json'))
    console.log(
      JSON.stringify({
        cycles: cycles.length,
        foldersInCycles: cycles.flatMap((c) => c.folders).length,
        mutualPairs: pairs,
        groups: cycles,
      }),
    );
  else {
    console.log(
      `${cycles.length} folder-level cycle${cycles.length === 1 ? '' : 's'} over ${cycles.flatMap((c) => c.folders).length} folders; ${pairs.length} pairs import each other directly`,
    );
    if (pairs.length) console.log(`  ${pairs.join('\n  ')}`);
    for (const { folders, imports } of cycles) console.log(`\n${folders.join(' ⇄ ')}\n  ${imports.join('\n  ')}`);
  }
}
