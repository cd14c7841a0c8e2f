import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Folders whose code decides what the stored tables and screens hold: a change to any file in
 * them gives a new code version, so stored derived tables and screens are rebuilt, never shown
 * with figures the new code would not compute.
 */
const SOURCES = ['src/analytics', 'src/ingest', 'src/demo', 'src/workspace'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** A short hash of the analytics, ingest, demo and workspace sources under `root`. */
export function computeCodeVersion(root: string): string {
  const hash = createHash('sha256');
  for (const dir of SOURCES) {
    for (const file of filesUnder(path.join(root, dir))) {
      hash.update(path.relative(root, file).replaceAll('\\', '/'));
      hash.update(readFileSync(file));
    }
  }
  return hash.digest('hex').slice(0, 16);
}
