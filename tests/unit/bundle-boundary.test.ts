import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importGraph } from '../helpers/importGraph';

const ROOT = new URL('../../', import.meta.url).pathname;
const NATIVE = /^@duckdb\/node-(api|bindings)/;

describe('native DuckDB stays out of the browser app', () => {
  it('finds @duckdb/node-api from the CLI entry (so the walk sees the on-demand import it must)', () => {
    const cli = importGraph(path.join(ROOT, 'src/cli/analyze.ts'));
    expect([...cli.packages].filter((p) => NATIVE.test(p))).toEqual(['@duckdb/node-api']);
    expect(cli.files.has(path.join(ROOT, 'src/engine/nativeConnector.ts'))).toBe(true);
  });

  it('reaches neither @duckdb/node-api nor the native connector from src/main.ts, the app entry', () => {
    const app = importGraph(path.join(ROOT, 'src/main.ts'));
    // The walk must have covered the app: the views, the browser engine, the workspace.
    expect(app.files.size).toBeGreaterThan(100);
    expect(app.files.has(path.join(ROOT, 'src/engine/browserConnector.ts'))).toBe(true);
    expect([...app.packages].filter((p) => NATIVE.test(p))).toEqual([]);
    const native = [...app.files].filter((f) => /native(Connector|Host)\.ts$|[/\\]engine[/\\]native[/\\]/.test(f));
    expect(native.map((f) => path.relative(ROOT, f))).toEqual([]);
  });

  const assets = path.join(ROOT, 'dist/assets');
  it.skipIf(!existsSync(assets))('has no native DuckDB in the built bundle (dist/assets, after npm run build)', () => {
    const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
    expect(js.length).toBeGreaterThan(0);
    const hits = js.filter((f) => /@duckdb\/node-(api|bindings)|duckdb\.node\b/.test(readFileSync(path.join(assets, f), 'utf8')));
    expect(hits).toEqual([]);
  });
});
