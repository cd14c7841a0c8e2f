import { Field, RecordBatch, Schema, Struct, Table, makeData } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { toRows } from '../../src/engine/rows';
import { Utf8Writer, utf8, type ColumnWriter } from '../../src/engine/arrow/columns';
import { BoolWriter, DateWriter, Float64Writer, Int64Writer, TimestampWriter } from '../../src/engine/arrow/fixedColumns';

/** Builds a table from finished writers, to read values back through Arrow. */
function tableOf(cols: Record<string, ColumnWriter>): Table {
  const names = Object.keys(cols);
  const children = names.map((n) => cols[n].finish());
  const fields = names.map((n, i) => new Field(n, children[i].type, true));
  const data = makeData({ type: new Struct(fields), length: children[0].length, nullCount: 0, children });
  return new Table([new RecordBatch(new Schema(fields), data)]);
}

describe('demo column writers', () => {
  it('keep every value and null when they grow far past their initial capacity', () => {
    const s = new Utf8Writer(1, 1);
    const f = new Float64Writer(1);
    const d = new DateWriter(1);
    const ts = new TimestampWriter(1);
    const b = new BoolWriter(1);
    const l = new Int64Writer(1);
    const n = 1_000;
    for (let i = 0; i < n; i++) {
      const isNull = i % 7 === 3;
      if (isNull) s.pushNull();
      else if (i % 2) s.push(utf8('华东'));
      else s.pushId(utf8('SO'), i, 4);
      if (isNull) f.pushNull();
      else f.push(i + 0.5);
      d.pushMaybe(isNull ? null : 20_000 + i);
      ts.pushMaybe(isNull ? null : Date.UTC(2026, 8, 30, 12, 34) + i * 60_000);
      if (isNull) b.pushNull();
      else b.push(i % 3 === 0);
      l.push(i + 1);
    }
    const rows = toRows(tableOf({ s, f, d, ts, b, l }));
    expect(rows).toHaveLength(n);
    rows.forEach((r, i) => {
      const isNull = i % 7 === 3;
      expect(r).toEqual({
        s: isNull ? null : i % 2 ? '华东' : 'SO' + String(i).padStart(4, '0'),
        f: isNull ? null : i + 0.5,
        d: isNull ? null : new Date((20_000 + i) * 86_400_000).toISOString().slice(0, 10),
        ts: isNull ? null : new Date(Date.UTC(2026, 8, 30, 12, 34) + i * 60_000).toISOString().slice(0, 19).replace('T', ' '),
        b: isNull ? null : i % 3 === 0,
        l: i + 1,
      });
    });
  });

  it('widens a zero-padded id when the number outgrows its width', () => {
    const s = new Utf8Writer();
    s.pushId(utf8('C'), 7, 3);
    s.pushId(utf8('C'), 12_345, 3);
    s.pushString('杭州恒瑞精工有限公司');
    expect(toRows(tableOf({ s })).map((r) => r.s)).toEqual(['C007', 'C12345', '杭州恒瑞精工有限公司']);
  });

  it('writes no validity bitmap for a column without nulls', () => {
    const f = new Float64Writer(4);
    for (let i = 0; i < 10; i++) f.push(i);
    const data = f.finish();
    expect(data.nullCount).toBe(0);
    expect(data.nullBitmap === undefined || data.nullBitmap.length === 0).toBe(true);
  });
});
