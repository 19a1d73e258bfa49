// ESLint rule: no import cycles between our modules, type-only imports included. A cycle of
// types is still two modules that cannot be understood (or moved) one without the other;
// eslint-plugin-import's no-cycle skips type imports, so it would miss the ones we had
// (domain/sync/mutations.ts <-> every *-mutations.ts). The import graph is read once per lint run,
// from the files' import lines, and reused for every file.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const EXTENSIONS = ['', '.ts', '.tsx', '.js', '.mjs', '/index.ts', '/index.tsx'];
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'"`;]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

/** file -> the files it imports (relative specifiers only), read lazily and kept for the run. */
const graph = new Map();

function resolve(fromFile, spec) {
  const base = path.resolve(path.dirname(fromFile), spec);
  for (const ext of EXTENSIONS) {
    const file = base + ext;
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  return null;
}

function importsOf(file) {
  let deps = graph.get(file);
  if (deps) return deps;
  deps = [];
  graph.set(file, deps);
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return deps;
  }
  for (const m of text.matchAll(IMPORT)) {
    const target = resolve(file, m[1] ?? m[2]);
    if (target && /\.(ts|tsx)$/.test(target)) deps.push(target);
  }
  return deps;
}

/** A path from `from` back to `to`, or null. */
function pathBack(from, to) {
  const seen = new Set([from]);
  const queue = [[from]];
  while (queue.length) {
    const route = queue.shift();
    for (const next of importsOf(route[route.length - 1])) {
      if (next === to) return route;
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push([...route, next]);
    }
  }
  return null;
}

export const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'disallow import cycles between modules, type-only imports included' },
    messages: { cycle: 'Import cycle: {{route}}' },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = resolve(file, spec);
      if (!target) return;
      const back = pathBack(target, file);
      if (!back) return;
      const root = context.cwd;
      const route = [file, ...back, file].map((f) => path.relative(root, f)).join(' -> ');
      context.report({ node: node.source, messageId: 'cycle', data: { route } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};
