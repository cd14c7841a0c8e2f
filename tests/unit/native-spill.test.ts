import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createNativeConnector } from '../../src/engine/nativeConnector';
import { toRows } from '../../src/engine/rows';

const parent = mkdtempSync(path.join(tmpdir(), 'cw-spill-parent-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe('native engine memory limit and spill directory', () => {
  it('spills a sort larger than its memory limit into a fresh directory inside --spill-dir, removed on close', async () => {
    const c = await createNativeConnector({ threads: 1, memoryLimit: '64MB', spillParent: parent });
    try {
      const [s] = toRows<{ dir: string; mem: string }>(await c.query(`SELECT current_setting('temp_directory') AS dir, current_setting('memory_limit') AS mem`));
      expect(path.dirname(s.dir)).toBe(parent);
      expect(path.basename(s.dir)).toMatch(/^churnwatch-spill-/);
      expect(s.mem).toBe('61.0 MiB');
      // About 200 MB of strings sorted under a 64 MB limit: only possible by spilling.
      await c.exec(`CREATE TABLE big AS SELECT md5(x::VARCHAR) || md5((x + 1)::VARCHAR) AS s FROM range(3000000) t(x)`);
      const [r] = toRows<{ n: number }>(await c.query(`SELECT count(*)::INTEGER AS n FROM (SELECT s FROM big ORDER BY s)`));
      expect(r.n).toBe(3_000_000);
      const files = toRows<{ path: string }>(await c.query(`SELECT path FROM duckdb_temporary_files()`));
      expect(files.length).toBeGreaterThan(0);
      expect(files.filter((f) => path.dirname(f.path) !== s.dir)).toEqual([]);
    } finally {
      await c.close();
    }
    expect(readdirSync(parent)).toEqual([]);
  }, 120_000);
});
