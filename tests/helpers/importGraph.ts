import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** What a walk of the import graph reached: project files and bare package specifiers. */
export interface ImportGraph {
  files: Set<string>;
  packages: Set<string>;
}

/** The script blocks of a .vue file (the only part that imports). */
function scriptOf(file: string): string {
  const text = readFileSync(file, 'utf8');
  if (!file.endsWith('.vue')) return text;
  return [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
}

/** A relative specifier as the project file Vite would load (extensionless .ts, .vue, index.ts). */
function resolveLocal(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec.replace(/\?.*$/, ''));
  for (const candidate of [base, `${base}.ts`, `${base}.vue`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate) && /\.(ts|vue)$/.test(candidate)) return candidate;
  }
  return null;
}

/**
 * Every file and package reachable from `entry` through static imports, re-exports and dynamic
 * import() calls (TypeScript's own pre-processor finds them, in .ts and in .vue script blocks).
 * Type-only imports count too: a stricter check than the bundle, never a looser one.
 */
export function importGraph(entry: string): ImportGraph {
  const graph: ImportGraph = { files: new Set(), packages: new Set() };
  const queue = [path.resolve(entry)];
  while (queue.length) {
    const file = queue.pop()!;
    if (graph.files.has(file)) continue;
    graph.files.add(file);
    for (const { fileName: spec } of ts.preProcessFile(scriptOf(file), true, true).importedFiles) {
      if (spec.startsWith('.')) {
        const local = resolveLocal(file, spec);
        if (local) queue.push(local);
      } else {
        graph.packages.add(spec.replace(/\?.*$/, ''));
      }
    }
  }
  return graph;
}
