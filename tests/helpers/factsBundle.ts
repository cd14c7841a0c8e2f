import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { QueryManager } from '../../src/engine/queryManager';
import type { AnalyticsSettings } from '../../src/analytics/settings';
import { analyzeWorkspace } from '../../src/analytics/report';
import { prepareScreen, type ScreenContext } from '../../src/analytics/screen/prepareScreen';
import { writeFactsBundle, type FactsManifest } from '../../src/cli/factsOut';
import { createNodeEngine } from '../../src/workspace/nodeHost';
import { createNativeEngine } from '../../src/workspace/nativeHost';
import { stageFactsBundle, type BundleInput } from '../../src/workspace/factsBundle/stageBundle';
import { adoptStaged, bundleInfoOf, providedOf } from '../../src/workspace/factsBundle/adopt';

const made: string[] = [];

/** A fresh temporary directory (removed by removeTempDirs). */
export function tempDir(prefix: string): string {
  const d = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(d);
  return d;
}

/** Removes every directory tempDir made. */
export function removeTempDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A bundle directory as the app reads one (BundleInput): its manifest and files by name. */
export function dirInput(dir: string, label = path.basename(dir)): BundleInput {
  return {
    label,
    manifest: readFileSync(path.join(dir, 'manifest.json'), 'utf8'),
    file: async (name) => (readdirSync(dir).includes(name) ? new Uint8Array(readFileSync(path.join(dir, name))) : null),
  };
}

/** The files of a bundle directory as a browser drop hands them over. */
export function dirFiles(dir: string): File[] {
  return readdirSync(dir).map((n) => new File([readFileSync(path.join(dir, n))], n));
}

/** A copy of a bundle directory to break (the manifest parsed, to edit). */
export function copyBundle(dir: string): { dir: string; manifest: FactsManifest } {
  const copy = path.join(tempDir('cw-bad-bundle-'), 'bundle');
  cpSync(dir, copy, { recursive: true });
  return { dir: copy, manifest: JSON.parse(readFileSync(path.join(copy, 'manifest.json'), 'utf8')) as FactsManifest };
}

/**
 * Writes the facts bundle of the data `load` puts into a fresh engine of `kind` (analyze, then
 * --facts-out's writer), and returns the directory.
 */
export async function writeBundleOf(kind: 'wasm' | 'native', load: (qm: QueryManager) => Promise<unknown>, settings: AnalyticsSettings, today: string): Promise<string> {
  const qm = kind === 'native' ? await createNativeEngine({ threads: 1 }) : await createNodeEngine();
  try {
    await load(qm);
    await analyzeWorkspace(qm, settings, { today });
    const dir = path.join(tempDir(`cw-bundle-${kind}-`), 'bundle');
    await writeFactsBundle(qm, dir, { engine: kind, settings });
    return dir;
  } finally {
    await qm.connector.close();
  }
}

/** A fresh DuckDB-WASM engine holding a bundle opened as the app opens it, and its screen. */
export async function openBundle(dir: string, today: string): Promise<{ qm: QueryManager; ctx: ScreenContext }> {
  const qm = await createNodeEngine();
  const staged = await stageFactsBundle(qm, dirInput(dir));
  await adoptStaged(qm, staged);
  const info = bundleInfoOf(staged, null);
  const ctx = await prepareScreen(qm, info.settings, { today, provided: providedOf(info) });
  return { qm, ctx };
}
