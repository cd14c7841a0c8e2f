/** Quotes an identifier for DuckDB: `my "col"` -> `"my ""col"""`. Never concatenate raw names. */
export function ident(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}

/**
 * Quotes a string literal for DuckDB: `O'Brien` -> `'O''Brien'`. NULL for null/undefined. NUL
 * characters are dropped: DuckDB's parser ends a literal at one (loaded text never has them).
 */
export function lit(value: string | number | boolean | null | undefined | Date): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'NULL';
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return "DATE '" + value.toISOString().slice(0, 10) + "'";
  return "'" + value.replace(/\u0000/g, '').replace(/'/g, "''") + "'";
}

/** A DATE literal from an ISO `YYYY-MM-DD` string (validated, so it is safe to inline). */
export function dateLit(isoDate: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) throw new Error(`Not an ISO date: ${isoDate}`);
  return `DATE '${isoDate}'`;
}
