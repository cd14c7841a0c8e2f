import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEngine, rowsOf } from '../helpers/engine';
import type { QueryManager } from '../../src/engine/queryManager';
import { ident, lit } from '../../src/engine/sql';
import type { ColumnKind } from '../../src/ingest/schema';
import {
  churnFlagSql, isBlankLike, isExcelSerialCandidate, normaliseId, normaliseIdSql, parseBoolean, parseChurnFlag, parseDate,
  digitOrderIdsSql, parseNumber, profileColumn, returnFlagSql, toSqlValue, unparseableSql, type ConversionProfile, type DateParts,
} from '../../src/ingest/values';

let qm: QueryManager;
beforeAll(async () => {
  qm = await createTestEngine();
});

const values = (vs: (string | null)[]) => vs.map((v) => `(${lit(v)})`).join(', ');

/** Runs toSqlValue/unparseableSql over a VALUES list and returns [value, converted, unparseable] rows. */
async function convert(vs: (string | null)[], kind: ColumnKind, profile: ConversionProfile) {
  const rows = await rowsOf<{ out: unknown; bad: boolean }>(qm,
    `SELECT ${toSqlValue('v', kind, profile)} AS out, ${unparseableSql('v', kind, profile)} AS bad FROM (VALUES ${values(vs)}) t(v)`);
  return rows.map((r) => [r.out, r.bad]);
}

const ymdOrder: ConversionProfile = { dateOrder: 'ymd', hasExcelSerial: false };

describe('isBlankLike', () => {
  it('treats empty, whitespace and the usual "no value" tokens as blank', () => {
    for (const v of [null, undefined, '', ' ', '\t', '\u3000', 'NULL', 'null', '-', '--', '—', 'N/A', 'n/a', 'NA', '#N/A', 'None', 'nan', 'NaN', '#DIV/0!']) {
      expect(isBlankLike(v), String(v)).toBe(true);
    }
  });

  it('keeps real values, including 0, "无" (a "no" answer) and words that contain a token', () => {
    for (const v of ['0', '无', 'No', 'Nanjing', 'NAB', 'none of them', '-5']) expect(isBlankLike(v), v).toBe(false);
  });
});

describe('parseNumber', () => {
  it('reads thousands separators, currency, percentages, 万/亿, accounting negatives and a leading plus', () => {
    const cases: [string, number][] = [
      ['1,234.56', 1234.56], ['¥1,234.50', 1234.5], ['$ 99', 99], ['€12', 12], ['£3.5', 3.5], ['100 USD', 100], ['CNY 8', 8],
      ['1,280元', 1280], ['12.5%', 0.125], ['1.2万', 12000], ['3亿', 300000000], ['1.5万元', 15000], ['(1,234)', -1234],
      ['(300)', -300], ['+5', 5], ['-7.25', -7.25], ['1e3', 1000], ['１２３', 123], ['12,5', 12.5], ['1.234,56', 1234.56], ['.5', 0.5],
    ];
    for (const [raw, n] of cases) expect(parseNumber(raw), raw).toBe(n);
  });

  it('refuses text, infinities and unbalanced parentheses', () => {
    for (const v of ['abc', 'inf', 'Infinity', '12 apples', '(12', '1.2.3', '--5', '']) expect(parseNumber(v), v).toBeNull();
  });
});

describe('parseDate', () => {
  const iso = (p: DateParts | null) => p && `${p.y}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')} ${String(p.hh).padStart(2, '0')}:${String(p.mi).padStart(2, '0')}:${String(p.ss).padStart(2, '0')}`;

  it('reads every supported shape', () => {
    const cases: [string, string][] = [
      ['2024-01-02', '2024-01-02 00:00:00'], ['2024/1/2', '2024-01-02 00:00:00'], ['2024.1.2', '2024-01-02 00:00:00'],
      ['20240102', '2024-01-02 00:00:00'], ['2024年1月2日', '2024-01-02 00:00:00'], ['2024年1月', '2024-01-01 00:00:00'],
      ['2024-01-02 13:45:00', '2024-01-02 13:45:00'], ['2024-01-02T13:45:00Z', '2024-01-02 13:45:00'],
      ['1/2/2024 1:45 PM', '2024-01-02 13:45:00'], ['02-Jan-2024', '2024-01-02 00:00:00'], ['January 2, 2024', '2024-01-02 00:00:00'],
      ['1/2/24', '2024-01-02 00:00:00'],
    ];
    for (const [raw, want] of cases) expect(iso(parseDate(raw)), raw).toBe(want);
  });

  it('applies the day-first order only to year-last dates', () => {
    expect(iso(parseDate('02/01/2024', 'dmy'))).toBe('2024-01-02 00:00:00');
    expect(iso(parseDate('02/01/2024', 'mdy'))).toBe('2024-02-01 00:00:00');
    expect(iso(parseDate('2024/02/01', 'dmy'))).toBe('2024-02-01 00:00:00');
  });

  it('reads Excel serial numbers only when asked', () => {
    expect(parseDate('45293')).toBeNull();
    expect(iso(parseDate('45293.75', 'mdy', true))).toBe('2024-01-02 18:00:00');
    expect(isExcelSerialCandidate('45293')).toBe(true);
    expect(isExcelSerialCandidate('12')).toBe(false);
  });

  it('refuses impossible dates and 8-digit numbers outside 1900-2100', () => {
    for (const v of ['31/31/2024', '2024-02-30', '20241301', '30000101', '2024012', 'abc']) expect(parseDate(v), v).toBeNull();
  });
});

describe('parseBoolean, parseChurnFlag, normaliseId', () => {
  it('reads yes/no words in English and Chinese, and 已X/未X flags', () => {
    expect(['Yes', 'Y', '是', 'TRUE', 't', '1', '已流失', '已付款'].map(parseBoolean)).toEqual(Array(8).fill(true));
    expect(['No', 'n', '否', 'False', 'F', '0', '未流失', '无'].map(parseBoolean)).toEqual(Array(8).fill(false));
    expect(parseBoolean('maybe')).toBeNull();
  });

  it('reads churn labels and lifecycle stages, and knows nothing about other statuses', () => {
    expect(['Yes', 'Churned', 'closed_lost', 'Former Customer', '已流失', '已注销', '停用'].map(parseChurnFlag)).toEqual(Array(7).fill(true));
    expect(['No', 'Active', 'customer', 'Lead', 'Marketing Qualified Lead', '活跃', '正常', '未流失'].map(parseChurnFlag)).toEqual(Array(8).fill(false));
    expect(parseChurnFlag('Gold')).toBeNull();
  });

  it('normalises float and Excel-scientific ids, keeping leading zeros and codes', () => {
    expect(['17850.0', '17850', '1.785E+04', '00123', ' AB-1 ', '12E4', 'N/A'].map(normaliseId)).toEqual(['17850', '17850', '17850', '00123', 'AB-1', '12E4', null]);
  });
});

describe('profileColumn', () => {
  it('decides day-first when a first part exceeds 12, month-first when a second part does', () => {
    expect(profileColumn('d', ['25/12/2024', '02/01/2024']).dateOrder).toBe('dmy');
    expect(profileColumn('d', ['12/25/2024', '02/01/2024']).dateOrder).toBe('mdy');
  });

  it('defaults ambiguous year-last dates to month-first and year-first columns to ymd', () => {
    expect(profileColumn('d', ['02/01/2024', '03/04/2024']).dateOrder).toBe('mdy');
    expect(profileColumn('d', ['2024-01-02', '2024/3/4']).dateOrder).toBe('ymd');
    expect(profileColumn('amount', ['1', '2']).dateOrder).toBeNull();
  });

  it('profiles a mixed-format date column as dates with time', () => {
    const p = profileColumn('order date', ['2024-01-02', '2024/1/3', '20240104', '2024年1月5日', '2024-01-06 10:30:00']);
    expect(p).toMatchObject({ dateShare: 1, hasCompactDate: true, hasTime: true, inferred: 'timestamp', dateOrder: 'ymd' });
  });

  it('counts YYYYMMDD as dates only when every digits-only value is one', () => {
    expect(profileColumn('date', ['19970101', '19970112']).inferred).toBe('date');
    const ids = profileColumn('order', ['20240101', '20240199', '31234567']);
    expect(ids.hasCompactDate).toBe(false);
    expect(ids.dateShare).toBe(0);
  });

  it('reads Excel serials as dates under a date header, as numbers otherwise', () => {
    const dated = profileColumn('Created Date', ['45293', '45300', '2024-01-05']);
    expect(dated).toMatchObject({ hasExcelSerial: true, inferred: 'date', dateShare: 1 });
    expect(profileColumn('Amount', ['45293', '45300']).hasExcelSerial).toBe(false);
    expect(profileColumn('x', ['45293', '45300'], { excelSerial: true }).hasExcelSerial).toBe(true);
  });

  it('measures blanks, numbers, integers, range and distinct values', () => {
    const p = profileColumn('TotalCharges', ['29.85', '1889.5', ' ', '108.15', '29.85']);
    expect(p).toMatchObject({ sampleSize: 5, blankShare: 0.2, nonBlankCount: 4, distinctCount: 3, numberShare: 1, integerShare: 0, min: 29.85, max: 1889.5, inferred: 'number' });
  });

  it('infers booleans from yes/no words but numbers from 0/1', () => {
    expect(profileColumn('Partner', ['Yes', 'No', 'No']).inferred).toBe('boolean');
    expect(profileColumn('SeniorCitizen', ['0', '1', '0']).inferred).toBe('number');
  });

  it('recognises ids by header, letters+digits codes, zero padding, but not small counts', () => {
    expect(profileColumn('customerID', ['7590-VHVEG', '5575-GNVDE']).looksLikeId).toBe(true);
    expect(profileColumn('column0', ['00004', '00004', '00021']).looksLikeId).toBe(true);
    expect(profileColumn('number_of_cds', ['1', '2', '5', '1']).looksLikeId).toBe(false);
    expect(profileColumn('gender', ['Female', 'Male', 'Male']).looksLikeId).toBe(false);
    expect(profileColumn('InvoiceNo', ['536365', '536366', 'C536379']).inferred).toBe('id');
  });

  it('measures churn words apart from plain yes/no', () => {
    expect(profileColumn('s', ['Active', 'Churned', 'Active']).churnLabelShare).toBe(1);
    expect(profileColumn('s', ['Yes', 'No']).churnLabelShare).toBe(0);
  });
});

describe('toSqlValue and unparseableSql in DuckDB', () => {
  it('converts a mixed-format date column to the right dates', async () => {
    const vs = ['2024-01-02', '2024/1/3', '20240104', '2024年1月5日', '2024-01-06 10:30:00', '2024年2月', '02-Jan-2024', 'Jan 2, 2024'];
    const rows = await convert(vs, 'date', profileColumn('date', vs));
    expect(rows).toEqual([
      ['2024-01-02', false], ['2024-01-03', false], ['2024-01-04', false], ['2024-01-05', false], ['2024-01-06', false],
      ['2024-02-01', false], ['2024-01-02', false], ['2024-01-02', false],
    ]);
  });

  it('keeps the time of day for timestamps in every written form', async () => {
    const vs = ['2024-01-06 10:30:00', '2024-01-02T13:45:00Z', '2024-01-02T13:45:00+08:00', '1/2/2024 1:45 PM', '2024/1/2 1:45PM', '2024年1月2日 13:45'];
    const rows = await convert(vs, 'timestamp', ymdOrder);
    expect(rows.map((r) => r[0])).toEqual([
      '2024-01-06 10:30:00', '2024-01-02 13:45:00', '2024-01-02 13:45:00', '2024-01-02 13:45:00', '2024-01-02 13:45:00', '2024-01-02 13:45:00',
    ]);
  });

  it('reads a day-first column day-first', async () => {
    const vs = ['25/12/2024', '02/01/2024', '3.4.2024'];
    expect(await convert(vs, 'date', profileColumn('d', vs))).toEqual([['2024-12-25', false], ['2024-01-02', false], ['2024-04-03', false]]);
  });

  it('reads an ambiguous year-last column month-first, and 2-digit years like Excel', async () => {
    const vs = ['02/01/2024', '1/2/24', '1/2/70'];
    expect(await convert(vs, 'date', profileColumn('d', vs))).toEqual([['2024-02-01', false], ['2024-01-02', false], ['1970-01-02', false]]);
  });

  it('converts Excel serial numbers (with time fractions) when the profile says so', async () => {
    const rows = await convert(['45293', '45293.75', '2024-01-03'], 'timestamp', { dateOrder: 'ymd', hasExcelSerial: true });
    expect(rows).toEqual([['2024-01-02 00:00:00', false], ['2024-01-02 18:00:00', false], ['2024-01-03 00:00:00', false]]);
    expect(await convert(['45293'], 'date', ymdOrder)).toEqual([[null, true]]);
  });

  it('gives NULL for blanks (not unparseable) and NULL + unparseable for bad dates', async () => {
    const rows = await convert([' ', 'NULL', null, '31/31/2024', '2024-02-30', 'abc', '2024012'], 'date', { dateOrder: 'dmy', hasExcelSerial: false });
    expect(rows).toEqual([[null, false], [null, false], [null, false], [null, true], [null, true], [null, true], [null, true]]);
  });

  it('cleans money, percentages, 万 units and accounting negatives into numbers', async () => {
    const vs = ['¥1,234.50', '1.2万', '(300)', '12.5%', '+5', 'US$ 1,000', '1.5亿元', '1.234,56', '－１２', ' ', '-', 'abc', 'inf', '1.2.3'];
    expect(await convert(vs, 'number', ymdOrder)).toEqual([
      [1234.5, false], [12000, false], [-300, false], [0.125, false], [5, false], [1000, false], [150000000, false], [1234.56, false],
      [-12, false], [null, false], [null, false], [null, true], [null, true], [null, true],
    ]);
  });

  it('reads the yes/no vocabulary as booleans', async () => {
    expect(await convert(['Yes', 'N', '是', '否', '已流失', '未流失', '1', '0', 'True', 'maybe', ''], 'boolean', ymdOrder)).toEqual([
      [true, false], [false, false], [true, false], [false, false], [true, false], [false, false], [true, false], [false, false],
      [true, false], [null, true], [null, false],
    ]);
  });

  it('normalises ids and trims text, never calling them unparseable', async () => {
    expect(await convert(['17850.0', '17850', '00123', '1.785E+04', ' AB-1 ', '12E4', 'N/A'], 'id', ymdOrder)).toEqual([
      ['17850', false], ['17850', false], ['00123', false], ['17850', false], ['AB-1', false], ['12E4', false], [null, false],
    ]);
    expect(await convert([' Acme ', 'NULL', '无', ''], 'text', ymdOrder)).toEqual([['Acme', false], [null, false], ['无', false], [null, false]]);
  });

  it('agrees with the JS parsers that profiling uses', async () => {
    const vs = ['1,234.5', '¥ 12', '(7)', '3%', '2万', 'x1', '', '0.5', '1e-2', '12,5', '1 234,5', '1,2,3'];
    const sqlNumbers = (await convert(vs, 'number', ymdOrder)).map((r) => r[0]);
    expect(sqlNumbers).toEqual(vs.map(parseNumber));
    const ds = ['2024-1-2', '2024/01/02 03:04:05', '20240102', '2024年3月', '5/6/2024', '13/1/2024', '1-Feb-2024', 'Feb 1 2024', 'x', '2024-13-01'];
    const sqlDates = (await convert(ds, 'date', { dateOrder: 'mdy', hasExcelSerial: false })).map((r) => r[0]);
    const jsDates = ds.map((d) => {
      const p = parseDate(d, 'mdy');
      return p && `${p.y}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
    });
    expect(sqlDates).toEqual(jsDates);
  });

  it('works on any source expression, e.g. a quoted column name with quotes in it', async () => {
    const col = ident('Amount "net" (¥)');
    const [row] = await rowsOf(qm, `SELECT ${toSqlValue(col, 'number', ymdOrder)} AS n FROM (SELECT '¥2,000' AS ${col})`);
    expect(row.n).toBe(2000);
  });
});

describe('derived flags in DuckDB', () => {
  it('maps status labels to churned TRUE/FALSE and unknown statuses to NULL', async () => {
    const vs = ['Yes', 'No', 'Churned', 'Closed Lost', 'customer', 'Lead', '已流失', '活跃', '1', '0', '', 'Gold'];
    const rows = await rowsOf<{ c: boolean | null }>(qm, `SELECT ${churnFlagSql('v')} AS c FROM (VALUES ${values(vs)}) t(v)`);
    expect(rows.map((r) => r.c)).toEqual([true, false, true, true, false, false, true, false, true, false, null, null]);
  });

  it('flags returns by status, negative quantity or amount, never NULL', async () => {
    const rows = await rowsOf<{ r: boolean }>(qm, `SELECT ${returnFlagSql('s', 'q', 'a')} AS r FROM (VALUES
      ('Completed', '2', '10'), ('已退款', '1', '10'), ('未退款', '1', '10'), (NULL, '-3', '10'), ('Cancelled', NULL, NULL),
      ('Refunded', '1', '10'), ('作废', '1', '10'), ('ok', '1', '(10)'), (NULL, NULL, NULL)) t(s, q, a)`);
    expect(rows.map((r) => r.r)).toEqual([false, true, false, true, true, true, true, true, false]);
  });

  it('reads UCI C-prefixed invoices as returns only where plain invoice numbers exist too', async () => {
    // Whether plain-digit ids exist is read once over the input, then each id is flagged.
    for (const [values, expected] of [["('536365'), ('C536379')", [false, true]], ["('C1001'), ('C1002')", [false, false]]] as const) {
      const input = `(VALUES ${values}) t(o)`;
      const [{ found }] = await rowsOf<{ found: boolean }>(qm, digitOrderIdsSql('o', input));
      const flagged = await rowsOf<{ r: boolean }>(qm, `SELECT ${returnFlagSql(null, null, null, { expr: 'o', digitIdsExist: found })} AS r FROM ${input}`);
      expect(flagged.map((r) => r.r)).toEqual(expected);
    }
  });

  it('gives FALSE when the file has none of the columns', () => {
    expect(returnFlagSql(null, null, null)).toBe('FALSE');
  });

  it('normaliseIdSql matches the ids of two files written differently', async () => {
    const rows = await rowsOf<{ n: number }>(qm, `SELECT count(*)::INT AS n FROM (VALUES ('17850.0')) a(x) JOIN (VALUES ('1.785E+04')) b(y)
      ON ${normaliseIdSql('a.x')} = ${normaliseIdSql('b.y')}`);
    expect(rows[0].n).toBe(1);
  });
});
