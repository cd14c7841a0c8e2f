import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellText } from '../../src/cli/text/cells';
import { displayWidth, renderTable } from '../../src/cli/text/table';
import { analyze } from '../helpers/cli';
import { FIXTURES, SHARED_DATA } from '../helpers/engine';

const TELCO = path.join(SHARED_DATA, 'telco/Telco-Customer-Churn.csv');

/**
 * Compares the text report with its golden file. A deliberate change of the format is accepted by
 * running once with UPDATE_GOLDEN=1 and reviewing the diff of the golden file in the commit.
 */
function expectGolden(name: string, text: string): void {
  const file = path.join(FIXTURES, 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, text);
  expect(existsSync(file), `${file} is missing: run once with UPDATE_GOLDEN=1`).toBe(true);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

describe('the analyze text report', () => {
  // Telco has no dates, so as-of is fixed; otherwise it is today and the report changes daily.
  for (const lang of ['en', 'zh-CN']) {
    it(`prints the Telco report in ${lang} exactly as its golden file`, () => {
      const r = analyze(['--lang', lang, '--as-of', '2026-01-31', TELCO]);
      expect(r.code, r.err).toBe(0);
      expectGolden(`telco.${lang}.txt`, r.out);
    }, 180_000);
  }

  it('lines up columns by terminal width, a Chinese character taking two', () => {
    const lines = renderTable([{ header: 'tier', align: 'left' }, { header: 'customers', align: 'right' }], [['高价值', '1,408'], ['low', '12']]);
    // indent 2 + 高价值 (6 columns) + 2 + customers (9): every line 19 columns wide.
    expect(lines.map(displayWidth)).toEqual([19, 19, 19, 19]);
    expect(lines[2]).toBe('  高价值      1,408');
    expect(lines[3]).toBe(`  low${' '.repeat(12)}12`);
  });

  it('writes amounts with K/M in English and 万/亿 in Chinese, rates as percentages', () => {
    expect(['en', 'zh-CN'].map((l) => cellText('value12m', 1_742_967.6, l as 'en'))).toEqual(['1.7M', '174.3万']);
    expect(cellText('value', 3.2e8, 'zh-CN')).toBe('3.2亿');
    expect(cellText('customers', 23_570, 'en')).toBe('23.6K');
    expect(cellText('rate', 0.2654, 'en')).toBe('26.5%');
    expect(cellText('lift', 0.000127, 'en')).toBe('0.000127');
    expect(cellText('rate', null, 'en')).toBe('—');
  });
});
