import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/analytics/settings';
import { prepareScreen } from '../../src/analytics/screen/prepareScreen';
import { loadDemo } from '../../src/demo/loadDemo';
import { ident } from '../../src/engine/sql';
import { currentTables, currentViews, exportTable } from '../../src/workspace/tableBundle/exportTables';
import { importTable, importView } from '../../src/workspace/tableBundle/importTables';
import { encodingOf } from '../../src/workspace/tableBundle/codec';
import { createTestEngine, rowsOf } from '../helpers/engine';

describe('table bundles (the prebuilt demo, Parquet through parquet-wasm)', () => {
  it('brings every table of a built screen back with its exact types and rows, views included', async () => {
    const qm = await createTestEngine();
    await loadDemo(qm, { customers: 300 });
    await prepareScreen(qm, DEFAULT_SETTINGS);
    // Types a screen build does not make, to send the text encoding through the engine too.
    await qm.exec(`CREATE TABLE zz_nested AS SELECT * FROM (VALUES
      (['a', 'b']::VARCHAR[], 12.345::DECIMAL(18,3), MAP {'k': 'v'}, INTERVAL 3 DAY, NULL::BOOLEAN),
      (NULL, -0.5::DECIMAL(18,3), MAP {}, NULL, true)) t(list, dec, map, span, flag)`);
    const tables = await currentTables(qm);
    const views = await currentViews(qm);
    expect(tables).toContain('cw_customer_facts');
    expect(views.map((v) => v.name)).toEqual(['cw_screen_period_churners']);
    const exported = [];
    for (const t of tables) exported.push(await exportTable(qm, t));
    // Every encoding is exercised by a real screen build.
    expect(new Set(exported.flatMap((e) => e.table.columns.map((c) => c.encoding)))).toEqual(new Set(['native', 'int8', 'epoch-us', 'text']));

    await qm.exec('CREATE SCHEMA copy');
    await qm.exec('USE copy');
    for (const e of exported) await importTable(qm, e.table, e.bytes);
    for (const v of views) await importView(qm, v);
    await qm.exec('USE main');
    for (const e of exported) {
      const t = ident(e.table.name);
      const types = await rowsOf<{ a: string; b: string }>(qm,
        `SELECT a.column_type AS a, b.column_type AS b FROM (DESCRIBE main.${t}) a POSITIONAL JOIN (DESCRIBE copy.${t}) b`);
      expect(types.filter((r) => r.a !== r.b), e.table.name).toEqual([]);
      const [diff] = await rowsOf<{ n: number; m: number; rows: number }>(qm, `SELECT
        (SELECT count(*) FROM (SELECT * FROM main.${t} EXCEPT ALL SELECT * FROM copy.${t}))::INTEGER AS n,
        (SELECT count(*) FROM (SELECT * FROM copy.${t} EXCEPT ALL SELECT * FROM main.${t}))::INTEGER AS m,
        (SELECT count(*) FROM copy.${t})::INTEGER AS rows`);
      expect({ table: e.table.name, ...diff }).toEqual({ table: e.table.name, n: 0, m: 0, rows: e.table.rows });
    }
    const [view] = await rowsOf<{ n: number }>(qm, 'SELECT count(*)::INTEGER AS n FROM copy.cw_screen_period_churners');
    const [original] = await rowsOf<{ n: number }>(qm, 'SELECT count(*)::INTEGER AS n FROM main.cw_screen_period_churners');
    expect(view.n).toBe(original.n);
  }, 120_000);

  it('sends BOOLEAN, TIMESTAMP and nested types in a form that cannot lose them', () => {
    expect(encodingOf('BOOLEAN')).toBe('int8');
    expect(encodingOf('TIMESTAMP')).toBe('epoch-us');
    expect(encodingOf('VARCHAR[]')).toBe('text');
    expect(encodingOf('DECIMAL(18,3)')).toBe('text');
    expect(encodingOf('DOUBLE')).toBe('native');
  });
});
