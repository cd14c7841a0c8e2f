/**
 * Computes the demo company ahead of time, as a data loader would (run after `vite build`):
 *
 *   npx tsx scripts/build-demo.ts [distDir]
 *
 * It generates the default demo company on the DuckDB-WASM Node build (the browser's engine),
 * runs the same workspace code the app runs (load, rebuild, panel results in 中文 and English),
 * and writes into <dist>/demo: every table of the demo's workspace as zstd Parquet (derived tables
 * and the build record included), manifest.json and screen.json. A first visit then draws that
 * screen before the engine has started and fills the demo workspace without computing anything.
 * Nothing of it is committed: the build makes it.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeCodeVersion } from '../build/codeVersion';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.resolve(process.argv[2] ?? path.join(root, 'dist'));
// The version the app build baked in (vite.config.ts computes it from the same sources); set
// before the workspace modules load, which read it once.
(globalThis as { __CW_CODE_VERSION__?: string }).__CW_CODE_VERSION__ = computeCodeVersion(root);

const started = performance.now();
const { DEFAULT_SETTINGS } = await import('../src/analytics/settings');
const { DEFAULT_DEMO_CUSTOMERS } = await import('../src/demo/config');
const { createNodeHost } = await import('../src/workspace/nodeHost');
const { initialState } = await import('../src/workspace/state');
const { MemoryStore } = await import('../src/workspace/storage/keyValue');
const { SchemaStorage } = await import('../src/workspace/storage/schemaStorage');
const { Workspace, DEFAULT_WORKSPACE, demoWorkspaceName } = await import('../src/workspace/workspace');
const { readStoredScreen, CODE_VERSION } = await import('../src/workspace/storedScreen');
const { currentTables, currentViews, exportTable } = await import('../src/workspace/tableBundle/exportTables');
const { DEMO_BUNDLE_DIR } = await import('../src/workspace/tableBundle/demoManifest');
type DemoManifest = import('../src/workspace/tableBundle/demoManifest').DemoManifest;

const host = await createNodeHost();
const kv = new MemoryStore();
const workspace = new Workspace({
  state: initialState(structuredClone(DEFAULT_SETTINGS), DEFAULT_WORKSPACE),
  startEngine: async () => host,
  makeStorage: (h) => new SchemaStorage(h.reader, h.writer, 'memory'),
  kv,
  sources: kv,
  langs: () => ['zh-CN', 'en'],
});
await workspace.start();
await workspace.screen.idle();
const state = workspace.state;
if (state.phase !== 'ready' || state.screen.error || !state.demoReport) throw new Error(`the demo did not build: ${state.error ?? state.screen.error}`);
const screen = await readStoredScreen(kv, demoWorkspaceName(DEFAULT_DEMO_CUSTOMERS));
if (!screen) throw new Error('the demo screen was not stored');

const out = path.join(dist, DEMO_BUNDLE_DIR);
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const manifest: DemoManifest = { codeVersion: CODE_VERSION, customers: DEFAULT_DEMO_CUSTOMERS, demo: state.demoReport, tables: [], views: await currentViews(host.writer) };
let bytes = 0;
for (const name of await currentTables(host.writer)) {
  const exported = await exportTable(host.writer, name);
  if (exported.table.file && exported.bytes) {
    writeFileSync(path.join(out, exported.table.file), exported.bytes);
    bytes += exported.bytes.byteLength;
  }
  manifest.tables.push(exported.table);
}
writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest));
writeFileSync(path.join(out, 'screen.json'), JSON.stringify(screen));
console.log(`demo company prebuilt into ${path.relative(root, out)}: ${manifest.tables.length} tables, ${(bytes / 2 ** 20).toFixed(1)} MiB of Parquet, ${Math.round(performance.now() - started)} ms (code ${CODE_VERSION})`);
await host.writer.connector.close();
