import type { Table } from 'apache-arrow';

/** A plain JS value as the UI and tests want it: bigint -> number, DATE/TIMESTAMP -> ISO text. */
export type Plain = string | number | boolean | null | Plain[];

function toPlain(value: unknown, typeName: string): Plain {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeName.startsWith('Date') || typeName.startsWith('Timestamp')) {
    const d = new Date(typeof value === 'number' ? value : Number(value));
    return typeName.startsWith('Date') ? d.toISOString().slice(0, 10) : d.toISOString().slice(0, 19).replace('T', ' ');
  }
  if (typeName.startsWith('Decimal')) return Number(String(value)) ;
  if (typeof value === 'object' && value !== null && 'toArray' in value) {
    return Array.from((value as { toArray(): ArrayLike<unknown> }).toArray(), (v) => toPlain(v, '')) as Plain[];
  }
  return value as Plain;
}

/** Converts an Arrow result to an array of plain row objects (small results only: UI, tests). */
export function toRows<T = Record<string, Plain>>(table: Table): T[] {
  const fields = table.schema.fields;
  const columns = fields.map((f) => table.getChild(f.name));
  const typeNames = fields.map((f) => String(f.type));
  const out: T[] = new Array(table.numRows);
  for (let i = 0; i < table.numRows; i++) {
    const row: Record<string, Plain> = {};
    for (let c = 0; c < fields.length; c++) row[fields[c].name] = toPlain(columns[c]?.get(i), typeNames[c]);
    out[i] = row as T;
  }
  return out;
}

/** The first column of the first row, as a plain value (for scalar queries). */
export function scalar(table: Table): Plain {
  if (table.numRows === 0 || table.schema.fields.length === 0) return null;
  const f = table.schema.fields[0];
  return toPlain(table.getChild(f.name)?.get(0), String(f.type));
}
