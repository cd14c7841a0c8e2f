import type { Table } from 'apache-arrow';

/**
 * A numeric result column as a Float64Array (what the model modules take). Cast the column to
 * DOUBLE in SQL and filter NULLs first: Arrow's toArray ignores validity, so a NULL would read as 0.
 */
export function f64Column(table: Table, name: string): Float64Array {
  const col = table.getChild(name);
  if (!col) throw new Error(`Result has no column ${name}`);
  const values = col.toArray() as ArrayLike<number | bigint>;
  if (values instanceof Float64Array) return values;
  return Float64Array.from(values as ArrayLike<number>, (v) => Number(v));
}
