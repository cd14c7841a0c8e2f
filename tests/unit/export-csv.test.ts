import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/export/csv';
import { safeCellText } from '../../src/export/safeCell';

describe('CSV export', () => {
  it('neutralises spreadsheet formulas in text cells but keeps negative numbers as numbers', () => {
    expect(safeCellText('=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
    expect(['+1', '-2', '@cmd', '\tx'].map(safeCellText)).toEqual(["'+1", "'-2", "'@cmd", "'\tx"]);
    expect(safeCellText('华东')).toBe('华东');
    const csv = toCsv(['id', 'name', 'value'], [['C1', '=1+1', -5], ['C2', 'a,"b"', null]]);
    expect(csv).toBe('\uFEFFid,name,value\r\nC1,\'=1+1,-5\r\nC2,"a,""b""",\r\n');
  });
});
