import type { QueryManager } from '../engine/queryManager';
import type { DemoLoadReport } from '../demo/loadDemo';
import type { PrebuiltDemo } from './workspace';
import { CODE_VERSION, type StoredScreen } from './storedScreen';
import { DEMO_BUNDLE_DIR, type DemoManifest } from './tableBundle/demoManifest';
import { importTable, importView } from './tableBundle/importTables';

async function fetchBytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

async function fetchJson<T>(url: string): Promise<T | null> {
  const res = await fetch(url);
  if (!res.ok) return null;
  return (await res.json()) as T;
}

/**
 * The demo company the app's build ships in dist/demo (absent in the dev server): its screen
 * draws on a first visit before the engine has started, and its tables fill the demo workspace
 * without generating or computing anything. Files of another app build are ignored.
 */
export function shippedDemo(base: string = DEMO_BUNDLE_DIR): PrebuiltDemo {
  let manifest: Promise<DemoManifest | null> | null = null;
  const readManifest = () => (manifest ??= fetchJson<DemoManifest>(`${base}manifest.json`)
    .then((m) => (m && m.codeVersion === CODE_VERSION ? m : null))
    .catch(() => null));
  return {
    async screen(): Promise<StoredScreen | null> {
      const screen = await fetchJson<StoredScreen>(`${base}screen.json`).catch(() => null);
      return screen && screen.codeVersion === CODE_VERSION ? screen : null;
    },
    async fill(writer: QueryManager, customers: number): Promise<DemoLoadReport | null> {
      const m = await readManifest();
      if (!m || m.customers !== customers) return null;
      const started = performance.now();
      // Every file is fetched at once; each table goes in as soon as its bytes are here.
      const files = m.tables.map((table) => (table.file ? fetchBytes(`${base}${table.file}`) : Promise.resolve(null)));
      // A failed fetch is reported when its table's turn comes, not as an unhandled rejection before.
      for (const f of files) f.catch(() => undefined);
      for (let i = 0; i < m.tables.length; i++) await importTable(writer, m.tables[i], await files[i]);
      for (const view of m.views) await importView(writer, view);
      return { ...m.demo, generateMs: 0, loadMs: performance.now() - started };
    },
  };
}
