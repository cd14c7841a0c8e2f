import type { Table } from 'apache-arrow';

/** A numeric Arrow column as a Float64Array with NaN for NULL (bigint and boolean become numbers). */
export function floatColumn(table: Table, name: string): Float64Array {
  const col = table.getChild(name);
  // Arrow decimals come back as raw words, not numbers: callers must cast to DOUBLE in SQL.
  if (col && String(col.type).startsWith('Decimal')) throw new Error(`floatColumn: cast ${name} to DOUBLE in SQL`);
  const out = new Float64Array(table.numRows);
  for (let i = 0; i < table.numRows; i++) {
    const v: unknown = col?.get(i);
    out[i] = v === null || v === undefined ? Number.NaN : typeof v === 'boolean' ? (v ? 1 : 0) : Number(v);
  }
  return out;
}

/** A text Arrow column as strings ('' for NULL). */
export function stringColumn(table: Table, name: string): string[] {
  const col = table.getChild(name);
  return Array.from({ length: table.numRows }, (_, i) => {
    const v: unknown = col?.get(i);
    return v === null || v === undefined ? '' : String(v);
  });
}
