/** Ranges a terminal draws two columns wide: CJK ideographs, kana, hangul, full-width forms. */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** Columns `s` takes in a terminal: a Chinese character takes two, so 流失率 lines up with "rate". */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += WIDE.test(ch) ? 2 : 1;
  return w;
}

/** Pads `s` to `width` terminal columns, on the right (left-aligned) or on the left (right-aligned). */
export function pad(s: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return align === 'left' ? s + fill : fill + s;
}

/** A column of a text table. */
export interface TextColumn {
  header: string;
  align: 'left' | 'right';
}

/**
 * A table as lines: a header, a rule, then rows, every column as wide as its widest cell and two
 * spaces apart; numbers right-aligned so their digits line up. No trailing spaces.
 */
export function renderTable(columns: TextColumn[], rows: string[][], indent = '  '): string[] {
  const widths = columns.map((c, i) => Math.max(displayWidth(c.header), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]): string => indent + cells.map((cell, i) => pad(cell, widths[i], columns[i].align)).join('  ').trimEnd();
  return [line(columns.map((c) => c.header)), indent + widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

/** `label  value` lines with the values lined up (a label may be Chinese). */
export function renderPairs(pairs: [string, string][], indent = '  '): string[] {
  const width = Math.max(...pairs.map(([k]) => displayWidth(k)));
  return pairs.map(([k, v]) => `${indent}${pad(k, width, 'left')}  ${v}`.trimEnd());
}
