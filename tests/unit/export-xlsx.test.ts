import { describe, expect, it } from 'vitest';
import { read, type CellObject } from '@e965/xlsx';
import { toXlsx } from '../../src/export/xlsx';

describe('toXlsx', () => {
  it('writes formula-like text as plain strings and numbers as numbers', () => {
    const bytes = toXlsx(['id', 'name', 'value'], [
      ['C1', '=1+1', 12.5],
      ['C2', '+SUM(A1)', -3],
      ['C3', '@cmd', null],
      ['C4', '北京某某科技有限公司', 0],
    ]);
    expect(bytes).toBeInstanceOf(Uint8Array);
    const wb = read(bytes, { type: 'array' });
    const ws = wb.Sheets[wb.SheetNames[0]];
    const at = (ref: string) => ws[ref] as CellObject;
    expect(at('A1')).toMatchObject({ t: 's', v: 'id' });
    for (const [ref, text] of [['B2', '=1+1'], ['B3', '+SUM(A1)'], ['B4', '@cmd']]) {
      expect(at(ref).t).toBe('s');
      expect(at(ref).v).toBe(`'${text}`);
    }
    expect(at('B5')).toMatchObject({ t: 's', v: '北京某某科技有限公司' });
    expect(at('C2')).toMatchObject({ t: 'n', v: 12.5 });
    expect(at('C3')).toMatchObject({ t: 'n', v: -3 });
    expect(at('C5')).toMatchObject({ t: 'n', v: 0 });
    expect(ws.C4).toBeUndefined();
    const cells = Object.keys(ws).filter((k) => !k.startsWith('!')).map(at);
    expect(cells.length).toBe(14);
    for (const c of cells) expect(c).not.toHaveProperty('f');
  });
});
