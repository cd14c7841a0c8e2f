/** Where a table starts among the first rows of a file or sheet. */
export interface TableTop {
  /** Index of the table's first row (its header, when it has one). */
  top: number;
  /** Indexes of the non-blank rows above it: a title, an export time, notes. */
  titleRows: number[];
}

const filled = (row: readonly (string | null | undefined)[]) => row.filter((c) => c !== null && c !== undefined && String(c).trim() !== '').length;

/**
 * Finds the table below title and note lines ("客户订单明细表", "导出时间: 2024-06-01", Excel's
 * "报表,,,,"): leading rows with fewer than half as many filled cells as the table's rows usually
 * have are skipped, as are blank rows. Tables of one or two columns have no such rows.
 * `chosenTop` (the user's header row, as an index into `rows`) wins over the guess: every
 * non-blank row above it is a title row.
 */
export function findTableTop(rows: readonly (readonly (string | null | undefined)[])[], chosenTop?: number): TableTop {
  const counts = rows.map(filled);
  if (chosenTop !== undefined) {
    const top = Math.max(0, chosenTop);
    return { top, titleRows: counts.slice(0, top).flatMap((n, i) => (n > 0 ? [i] : [])) };
  }
  const width = modeOf(counts.filter((n) => n > 0));
  const titleRows: number[] = [];
  let top = 0;
  for (; top < rows.length; top++) {
    if (counts[top] === 0) continue;
    if (width < 3 || counts[top] * 2 >= width) break;
    titleRows.push(top);
  }
  return { top, titleRows };
}

function modeOf(values: number[]): number {
  const freq = new Map<number, number>();
  let best = 0;
  let mode = 0;
  for (const v of values) {
    const f = (freq.get(v) ?? 0) + 1;
    freq.set(v, f);
    if (f > best || (f === best && v > mode)) {
      best = f;
      mode = v;
    }
  }
  return mode;
}
